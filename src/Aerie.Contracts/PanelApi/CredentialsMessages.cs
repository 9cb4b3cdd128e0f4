namespace Aerie.Contracts.PanelApi;

/// <summary>The credentials endpoint's error messages (spec 01), exact.</summary>
public static class CredentialsMessages
{
    public const string MissingIdentifier = "Missing server identifier";
    public const string Unauthenticated = "Unauthenticated.";
    public const string Forbidden = "You do not have permission to connect to this server's websocket.";
    public const string NotFound = "Server not found";
    public const string Suspended = "Server is suspended";
    public const string TooManyRequests = "Too many requests";
    public const string NoNode = "Node not available: Server has no resolved Wings node";
    public const string PreflightFailedPrefix = "Failed to prepare websocket session: ";
}
