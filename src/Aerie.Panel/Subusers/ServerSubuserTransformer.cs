using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Application;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.Subusers;

/// <summary>The <c>server_subuser</c> object (spec 04 §2.1): the user's public fields and the permissions held; needs <see cref="Subuser.User"/> loaded.</summary>
internal sealed class ServerSubuserTransformer : Transformer<Subuser>
{
    public static readonly ServerSubuserTransformer Instance = new();

    public override string ObjectName => "server_subuser";

    protected override JsonObject Attributes(Subuser s)
    {
        var user = s.User ?? throw new InvalidOperationException("the subuser's user is not loaded");
        return new()
        {
            ["uuid"] = user.Uuid.ToString(),
            ["username"] = user.Username,
            ["email"] = user.Email,
            ["image"] = "https://gravatar.com/avatar/" + Gravatar(user.Email),
            ["2fa_enabled"] = user.TwoFactorEnabled,
            ["created_at"] = WireTime.Of(user.CreatedAt),
            ["permissions"] = new JsonArray([.. (Json.Read<List<string>>(s.PermissionsJson) ?? []).Select(p => JsonValue.Create(p))]),
        };
    }

    // Gravatar's key is the MD5 of the trimmed, lower-case address (its format, not a security measure; CA5351 is off for this file).
    private static string Gravatar(string email) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
}
