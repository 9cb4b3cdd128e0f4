namespace Aerie.Contracts.NodeApi;

/// <summary>Error strings of the node API and socket handshake (spec 02/03), exact.</summary>
public static class NodeApiErrors
{
    public const string MissingAuth = "The required authorization heads were not present in the request.";
    public const string Forbidden = "You are not authorized to access this endpoint.";
    public const string NotFound = "The requested resource does not exist on this instance.";
    public const string TooManySockets = "Too many open websocket connections.";
    public const string CommandsOffline = "Cannot send commands to a stopped server instance.";

    // Install refusals, answered 409 (spec 05 §7); the reinstall text is Wings', the other two are Aerie's.
    public const string ReinstallBusy = "Cannot execute server reinstall event while another power action is running.";
    public const string InstallBusy = "Cannot execute server install event while another power action is running.";
    public const string AlreadyInstalling = "An installation is already running for this server.";
}

public sealed record NodeError([property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error);
