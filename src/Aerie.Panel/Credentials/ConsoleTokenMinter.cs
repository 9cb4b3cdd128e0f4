using Aerie.Contracts.Tokens;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Panel.Credentials;

/// <summary>Mints the console JWT of spec 01: HS256 with the node's secret, the union of Wings', Pterodactyl's and the seed's claims.</summary>
internal sealed partial class ConsoleTokenMinter(PanelOptions options, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary><paramref name="grant"/> (the session or key, <see cref="ConsoleGrant"/>) goes into the token so that
    /// ending it revokes the token; <paramref name="notAfter"/> (its end) caps <c>exp</c>.</summary>
    public string Mint(PanelUser user, GameServer server, PanelNode node, SigningCredentials signing, IReadOnlyList<string> permissions,
        string? grant = null, DateTimeOffset? notAfter = null)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var userId = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var serverUuid = server.Uuid.ToString();
        var jti = ConsoleJti.Of(user.Uuid, server.Uuid);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.PublicUrl.TrimEnd('/'),
            Audience = NodeUrls.PublicBase(node),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.AddSeconds(-300).UtcDateTime,
            Expires = (notAfter is { } end && end < now + options.TokenTtl ? end : now + options.TokenTtl).UtcDateTime,
            SigningCredentials = signing,
            AdditionalHeaderClaims = new Dictionary<string, object> { [TokenClaims.Jti] = jti },
            Claims = new Dictionary<string, object>
            {
                [TokenClaims.ServerUuid] = serverUuid,
                [TokenClaims.UserUuid] = user.Uuid.ToString(),
                [TokenClaims.UserId] = user.Id,
                [TokenClaims.Permissions] = permissions.ToArray(),
                [TokenClaims.Scope] = TokenClaims.WebsocketScope,
                [TokenClaims.Jti] = jti,
                [TokenClaims.UniqueId] = Secrets.Random(16),
                [TokenClaims.Server] = new Dictionary<string, object> { ["uuid"] = serverUuid },
                [TokenClaims.User] = new Dictionary<string, object> { ["id"] = userId, ["uuid"] = user.Uuid.ToString() },
                [TokenClaims.IdentifiedBy] = $"{userId}:{serverUuid}",
            },
        };
        if (grant is not null)
        {
            descriptor.Claims[TokenClaims.Grant] = grant;
        }
        return Handler.CreateToken(descriptor);
    }
}
