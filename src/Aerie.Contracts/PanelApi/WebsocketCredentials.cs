using System.Text.Json.Serialization;

namespace Aerie.Contracts.PanelApi;

/// <summary>Spec 01 success: top-level token/socket (XyraPanel-style clients) mirrored under <c>data</c> (Pterodactyl clients).</summary>
public sealed record WebsocketCredentials(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("socket")] string Socket,
    [property: JsonPropertyName("data")] WebsocketCredentialsData Data);

public sealed record WebsocketCredentialsData(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("socket")] string Socket);
