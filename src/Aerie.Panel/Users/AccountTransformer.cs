using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;

namespace Aerie.Panel.Users;

/// <summary>
/// The caller's own <c>user</c> object (spec 04 §2.1, account shape). Aerie keeps no first/last name or
/// language yet: the username stands in for the first name, English for the language. <c>uuid</c> is Aerie's
/// addition (the web UI tells the signed-in user apart by it).
/// </summary>
internal sealed class AccountTransformer : Transformer<PanelUser>
{
    public static readonly AccountTransformer Instance = new();

    public override string ObjectName => "user";

    protected override JsonObject Attributes(PanelUser item) => new()
    {
        ["id"] = item.Id,
        ["admin"] = item.Admin,
        ["username"] = item.Username,
        ["email"] = item.Email,
        ["first_name"] = item.Username,
        ["last_name"] = "",
        ["language"] = "en",
        ["uuid"] = item.Uuid.ToString(),
    };
}
