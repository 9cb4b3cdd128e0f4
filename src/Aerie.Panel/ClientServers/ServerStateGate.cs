using Aerie.Panel.Data;
using Aerie.Panel.Servers;

namespace Aerie.Panel.ClientServers;

/// <summary>
/// The server states in which the client API refuses everything but <c>GET /servers/{server}</c> (spec 04 §2.0),
/// checked in Pterodactyl's order so a server in two states gets the same text as there.
/// </summary>
internal static class ServerStateGate
{
    public const string SuspendedText = "This server is currently suspended and the functionality requested is unavailable.";
    public const string MaintenanceText = "The node of this server is currently under maintenance and the functionality requested is unavailable.";
    public const string InstallingText = "This server has not yet completed its installation process, please try again later.";
    public const string RestoringText = "This server is currently restoring from a backup, please try again later.";
    public const string RestoringBackupStatus = "restoring_backup";

    /// <summary>The 409 text, or null when the server may be used. Aerie has no transfers, so that state never applies.</summary>
    public static string? Refusal(GameServer server)
    {
        if (server.Suspended)
        {
            return SuspendedText;
        }
        if (server.Node is { MaintenanceMode: true })
        {
            return MaintenanceText;
        }
        if (IsInstalling(server))
        {
            return InstallingText;
        }
        return server.Status == RestoringBackupStatus ? RestoringText : null;
    }

    /// <summary>Pterodactyl's "not installed": installing, or an install that failed (a failed reinstall leaves the old files usable).</summary>
    public static bool IsInstalling(GameServer server) => server.Status is ServerStatuses.Installing or ServerStatuses.InstallFailed;
}
