namespace Aerie.Contracts.Socket;

public static class SocketCloseCodes
{
    public const int MessageTooBig = 1009;
    public const int GoingAway = 1001;
    public const int Suspended = 4409;
    public const string SuspendedReason = "server is suspended";
    public const string DeletedReason = "server deleted";
    public const string DaemonStoppingReason = "daemon stopping";
}
