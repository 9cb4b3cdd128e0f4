using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;

namespace Aerie.Panel.Users;

/// <summary>
/// Another user as the Client API shows them (spec 04 §2.1, <c>user</c> "others"): a subuser, an activity
/// entry's actor. No numeric id and no admin flag: what a server's co-users may know of each other.
/// </summary>
internal sealed class ClientUserTransformer : Transformer<PanelUser>
{
    public static readonly ClientUserTransformer Instance = new();

    public override string ObjectName => "user";

    protected override JsonObject Attributes(PanelUser item) => Fields(item);

    /// <summary>The attributes alone, for shapes that extend this one (<c>server_subuser</c>).</summary>
    public static JsonObject Fields(PanelUser user) => new()
    {
        ["uuid"] = user.Uuid.ToString(),
        ["username"] = user.Username,
        ["email"] = user.Email,
        ["image"] = "https://gravatar.com/avatar/" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(user.Email.ToLowerInvariant()))),
        ["2fa_enabled"] = user.TwoFactorEnabled,
        ["created_at"] = ApiTime.Format(user.CreatedAt),
    };
}
