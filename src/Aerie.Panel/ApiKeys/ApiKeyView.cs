using System.Text.Json.Serialization;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.ApiKeys;

/// <summary>An API key as listed (never the secret).</summary>
internal sealed record ApiKeyView(
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("lastUsedAt")] DateTimeOffset? LastUsedAt,
    [property: JsonPropertyName("allowedIps")] IReadOnlyList<string> AllowedIps)
{
    public static ApiKeyView Of(ApiKey k) =>
        new(k.Identifier, k.Description, k.CreatedAt, k.ExpiresAt, k.LastUsedAt, Json.Read<List<string>>(k.AllowedIpsJson));
}
