namespace Aerie.Contracts.Socket;

/// <summary>Protocol-visible error strings of spec 02 (exact; clients match them).</summary>
public static class SocketErrors
{
    public const string NoJwt = "jwt: no jwt present";
    public const string ExpInvalid = "jwt: exp claim is invalid";
    public const string Denylisted = "jwt: created too far in past (denylist)";
    public const string MissingConnect = "jwt: missing connect permission";
    public const string ServerMismatch = "jwt: server uuid mismatch";

    public const string Unexpected = "an unexpected error was encountered while handling this request";
    public const string PowerLocked = "another power action is currently being processed for this server, please try again later";
    public const string ServerRunning = "server is running";
    public const string ServerInstalling = "server is currently installing";
    public const string ServerRestoring = "server is currently being restored";
    public const string ThrottleNotice = "Server is outputting console data too quickly -- throttling...";
    public const string CrashDetected = "---------- Detected server process in a crashed state! ----------";
    public const string CrashAborted = "Aborting automatic restart, last crash occurred less than 60 seconds ago.";

    public const string DaemonPrefix = "[Aerie Daemon]:";

    /// <summary>Format of daemon error text and of failed-auth jwt errors.</summary>
    public static string ErrorEvent(string serverUuid, string text) => $"Error Event [{serverUuid}]: {text}";

    /// <summary>A daemon notice line as it appears in the console: yellow bold prefix like Wings'.</summary>
    public static string DaemonNotice(string text) => $"\u001b[1m\u001b[33m{DaemonPrefix}\u001b[0m {text}";
}
