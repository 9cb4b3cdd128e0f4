using Aerie.Panel.Data;

namespace Aerie.Panel.Servers;

/// <summary>Panel-side server statuses (null = normal), as Pterodactyl names them.</summary>
internal static class ServerStatuses
{
    public const string Installing = "installing";
    public const string InstallFailed = "install_failed";

    /// <summary>A reinstall the node could not run: the old files are still there, so the server stays usable.</summary>
    public const string ReinstallFailed = "reinstall_failed";
    public const string Suspended = "suspended";

    /// <summary>
    /// The <c>status</c> both APIs show: Pterodactyl stores <c>suspended</c> as the status, Aerie keeps suspension
    /// as its own flag (so unsuspending gives back an install state) and shows it first, as Pterodactyl's clients read it.
    /// </summary>
    public static string? Of(GameServer server) => server.Suspended ? Suspended : server.Status;
}
