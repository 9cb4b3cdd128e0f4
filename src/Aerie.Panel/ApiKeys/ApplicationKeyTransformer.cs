using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.ApiKeys;

/// <summary>An application key as the admin UI lists it: the client key's fields plus one <c>r_*</c> mask per resource, never the secret.</summary>
internal sealed class ApplicationKeyTransformer : Transformer<ApiKey>
{
    public static readonly ApplicationKeyTransformer Instance = new();

    public override string ObjectName => "api_key";

    protected override JsonObject Attributes(ApiKey item)
    {
        var attributes = new JsonObject
        {
            ["identifier"] = item.Identifier,
            ["description"] = item.Description,
            ["allowed_ips"] = new JsonArray([.. Json.Read<List<string>>(item.AllowedIpsJson).Select(ip => (JsonNode)ip)]),
            ["last_used_at"] = ApiTime.Format(item.LastUsedAt),
            ["created_at"] = ApiTime.Format(item.CreatedAt),
        };
        foreach (var resource in Enum.GetValues<ApplicationResource>())
        {
            attributes[ApplicationMasks.Name(resource)] = ApplicationMasks.Get(item, resource);
        }
        return attributes;
    }
}
