namespace Aerie.Contracts.Permissions;

/// <summary>Pterodactyl's permission vocabulary, the subset the node enforces and the rest the panel stores.</summary>
public static class Permission
{
    public const string All = "*";
    public const string WebsocketConnect = "websocket.connect";
    public const string ControlConsole = "control.console";
    public const string ControlStart = "control.start";
    public const string ControlStop = "control.stop";
    public const string ControlRestart = "control.restart";
    public const string AdminErrors = "admin.websocket.errors";
    public const string AdminInstall = "admin.websocket.install";
    public const string AdminTransfer = "admin.websocket.transfer";
    public const string BackupRead = "backup.read";

    /// <summary>Every permission a subuser may hold (Pterodactyl's list).</summary>
    public static readonly IReadOnlyList<string> Subuser =
    [
        WebsocketConnect,
        ControlConsole, ControlStart, ControlStop, ControlRestart,
        "user.create", "user.read", "user.update", "user.delete",
        "file.create", "file.read", "file.read-content", "file.update", "file.delete", "file.archive", "file.sftp",
        "backup.create", BackupRead, "backup.delete", "backup.download", "backup.restore",
        "allocation.read", "allocation.create", "allocation.update", "allocation.delete",
        "startup.read", "startup.update", "startup.docker-image",
        "database.create", "database.read", "database.update", "database.delete", "database.view_password",
        "schedule.create", "schedule.read", "schedule.update", "schedule.delete",
        "settings.rename", "settings.reinstall",
        "activity.read",
    ];

    /// <summary>Administrator extras added to <c>*</c> in a panel admin's token (spec 01).</summary>
    public static readonly IReadOnlyList<string> AdminToken = [All, AdminErrors, AdminInstall, AdminTransfer];

    /// <summary>Spec 02's test: listed, or <c>*</c> listed and the permission is not an admin one.</summary>
    public static bool Grants(IEnumerable<string> held, string wanted)
    {
        var wildcard = false;
        foreach (var p in held)
        {
            if (p == wanted)
            {
                return true;
            }
            wildcard |= p == All;
        }
        return wildcard && !wanted.StartsWith("admin", StringComparison.Ordinal);
    }
}
