using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.ApiKeys;

/// <summary>The <c>api_key</c> object (spec 04 §2.1), never the secret; <c>expires_at</c> is Aerie's addition.</summary>
internal sealed class ApiKeyTransformer : Transformer<ApiKey>
{
    public static readonly ApiKeyTransformer Instance = new();

    public override string ObjectName => "api_key";

    protected override JsonObject Attributes(ApiKey item) => new()
    {
        ["identifier"] = item.Identifier,
        ["description"] = item.Description,
        ["allowed_ips"] = new JsonArray([.. Json.Read<List<string>>(item.AllowedIpsJson).Select(ip => (JsonNode)ip)]),
        ["last_used_at"] = ApiTime.Format(item.LastUsedAt),
        ["created_at"] = ApiTime.Format(item.CreatedAt),
        ["expires_at"] = ApiTime.Format(item.ExpiresAt),
    };
}
