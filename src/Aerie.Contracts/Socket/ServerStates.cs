namespace Aerie.Contracts.Socket;

public static class ServerStates
{
    public const string Offline = "offline";
    public const string Starting = "starting";
    public const string Running = "running";
    public const string Stopping = "stopping";
}

public static class PowerActions
{
    public const string Start = "start";
    public const string Stop = "stop";
    public const string Restart = "restart";
    public const string Kill = "kill";
}
