namespace Aerie.Contracts.Socket;

public static class SocketCloseCodes
{
    public const int MessageTooBig = 1009;
    public const int GoingAway = 1001;
    public const int Suspended = 4409;

    /// <summary>An upgraded socket refused at auth because the server's socket cap is full: the upgrade-time
    /// answer (HTTP 400 "Too many open websocket connections.") as a close, 4000 + the HTTP status like 4409.</summary>
    public const int TooManySockets = 4400;
    public const string ExpiredReason = "token expired";
    public const string RevokedReason = "token revoked";
    public const string SuspendedReason = "server is suspended";
    public const string DeletedReason = "server deleted";
    public const string DaemonStoppingReason = "daemon stopping";
}
