using Aerie.Contracts.Tokens;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Panel.Credentials;

/// <summary>The signed-URL tokens of spec 06 §6 (file upload and download, backup download): spec 01's signing and jti,
/// 15 minutes, a random <c>unique_id</c> the node lets through once, the route's scope and claims.</summary>
internal sealed partial class ConsoleTokenMinter
{
    public string MintSignedUrl(PanelUser user, GameServer server, PanelNode node, SigningCredentials signing, string scope,
        IReadOnlyDictionary<string, string> routeClaims, string? grant = null)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var jti = ConsoleJti.Of(user.Uuid, server.Uuid);
        var claims = new Dictionary<string, object>
        {
            [TokenClaims.ServerUuid] = server.Uuid.ToString(),
            [TokenClaims.UserUuid] = user.Uuid.ToString(),
            [TokenClaims.Jti] = jti,
            [TokenClaims.UniqueId] = Secrets.Random(32),
            [TokenClaims.Scope] = scope,
        };
        foreach (var (name, value) in routeClaims)
        {
            claims[name] = value;
        }
        if (grant is not null)
        {
            claims[TokenClaims.Grant] = grant;
        }
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.PublicUrl.TrimEnd('/'),
            Audience = NodeUrls.PublicBase(node),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.AddSeconds(-300).UtcDateTime,
            Expires = now.AddSeconds(SignedUrlClaims.LifetimeSeconds).UtcDateTime,
            SigningCredentials = signing,
            AdditionalHeaderClaims = new Dictionary<string, object> { [TokenClaims.Jti] = jti },
            Claims = claims,
        });
    }
}
