using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Users;

namespace Aerie.Panel.Subusers;

/// <summary>The <c>server_subuser</c> object (spec 04 §2.1): the user's "others" fields and the stored permissions.
/// The row must be loaded with its user.</summary>
internal sealed class SubuserTransformer : Transformer<Subuser>
{
    public static readonly SubuserTransformer Instance = new();

    public override string ObjectName => "server_subuser";

    protected override JsonObject Attributes(Subuser item)
    {
        var attributes = ClientUserTransformer.Fields(item.User ?? throw new InvalidOperationException("subuser loaded without its user"));
        attributes["permissions"] = new JsonArray([.. Json.Read<List<string>>(item.PermissionsJson).Select(p => (JsonNode?)p)]);
        return attributes;
    }
}
