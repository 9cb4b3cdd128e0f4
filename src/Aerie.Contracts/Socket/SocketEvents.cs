namespace Aerie.Contracts.Socket;

/// <summary>Event names of the console WebSocket (spec 02). Clients match these exactly.</summary>
public static class SocketEvents
{
    // inbound
    public const string Auth = "auth";
    public const string SendLogs = "send logs";
    public const string SendStats = "send stats";
    public const string SendCommand = "send command";
    public const string SetState = "set state";

    // outbound
    public const string AuthSuccess = "auth success";
    public const string Status = "status";
    public const string ConsoleOutput = "console output";
    public const string Stats = "stats";
    public const string TokenExpiring = "token expiring";
    public const string TokenExpired = "token expired";
    public const string JwtError = "jwt error";
    public const string DaemonError = "daemon error";
    public const string InstallOutput = "install output";
    public const string InstallStarted = "install started";
    public const string InstallCompleted = "install completed";
    public const string DaemonMessage = "daemon message";
    public const string BackupCompleted = "backup completed";
    public const string BackupRestoreCompleted = "backup restore completed";
    public const string TransferLogs = "transfer logs";
    public const string TransferStatus = "transfer status";
    public const string Deleted = "deleted";
    public const string Throttled = "throttled";

    /// <summary>Name used in a <c>throttled</c> frame when the per-socket global bucket drops a frame.</summary>
    public const string GlobalThrottle = "global";
}
