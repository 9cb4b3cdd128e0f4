namespace Aerie.Contracts.NodeApi;

/// <summary>Error strings of the node API and socket handshake (spec 02/03), exact.</summary>
public static class NodeApiErrors
{
    public const string MissingAuth = "The required authorization heads were not present in the request.";
    public const string Forbidden = "You are not authorized to access this endpoint.";
    public const string NotFound = "The requested resource does not exist on this instance.";
    public const string TooManySockets = "Too many open websocket connections.";
}

public sealed record NodeError([property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error);
