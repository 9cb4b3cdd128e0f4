using System.Text.Json.Nodes;
using Aerie.Panel.Data;
using Aerie.Panel.Users;

namespace Aerie.Panel.Auth;

/// <summary>The <c>user</c> a completed login answers: the attributes of the account object (spec 04 §2.1), the web UI's one user shape.</summary>
internal static class SignedInUser
{
    public static JsonNode Of(PanelUser user)
    {
        var item = AccountTransformer.Instance.Item(user);
        var attributes = item["attributes"]!;
        item.Remove("attributes");
        return attributes;
    }
}
