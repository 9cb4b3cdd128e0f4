using System.Text.Json.Serialization;

namespace Aerie.Contracts.PanelApi;

/// <summary>Spec 01's HTTP 200 answer when the node does not know the server.</summary>
public sealed record WebsocketUnavailable(
    [property: JsonPropertyName("unavailable")] bool Unavailable,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("diagnostics")] WebsocketDiagnostics Diagnostics)
{
    public const string DefaultMessage = "Server is not available on the assigned Wings node";
    public const string NodeNotFoundError = "404: The requested resource does not exist on this instance";
}

public sealed record WebsocketDiagnostics(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("serverUuid")] string ServerUuid,
    [property: JsonPropertyName("serverIdentifier")] string? ServerIdentifier,
    [property: JsonPropertyName("nodeId")] string? NodeId,
    [property: JsonPropertyName("serverStatus")] string? ServerStatus);
