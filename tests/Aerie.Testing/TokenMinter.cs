using System.Globalization;
using System.Text;
using Aerie.Contracts.Tokens;
using Aerie.Panel.Credentials;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Testing;

/// <summary>
/// Mints console tokens with a node secret, claims as spec 01 defines them and the jti from the panel's own
/// <see cref="ConsoleJti"/>, so a denial the panel sends matches tokens minted here. Every claim can be left
/// out or overridden to build the bad tokens spec 02 refuses.
/// </summary>
internal sealed class TokenMinter(string secret)
{
    public const string DefaultUser = "7b0f8f5e-1111-4c2b-9a59-000000000001";
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Mint(string serverUuid, string[]? permissions = null, string? userUuid = null, long? iat = null,
        long? exp = null, object? scope = null, bool withIat = true, string? jti = null, string? key = null, string userId = "1", string? grant = null,
        IReadOnlyDictionary<string, object?>? claims = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var issued = iat ?? now;
        var user = userUuid ?? DefaultUser;
        var payload = new Dictionary<string, object>
        {
            [TokenClaims.ServerUuid] = serverUuid,
            [TokenClaims.UserUuid] = user,
            [TokenClaims.UserId] = userId,
            [TokenClaims.Permissions] = permissions ?? ["*"],
            [TokenClaims.Scope] = scope ?? TokenClaims.WebsocketScope,
            [TokenClaims.Jti] = jti ?? ConsoleJti.Of(Guid.Parse(user), Guid.Parse(serverUuid)),
            [TokenClaims.UniqueId] = Guid.NewGuid().ToString("N"),
            [TokenClaims.Issuer] = "http://panel.test",
            [TokenClaims.Audience] = "http://node.test",
            [TokenClaims.NotBefore] = issued - 300,
            [TokenClaims.Expires] = exp ?? issued + 600,
            [TokenClaims.Server] = new Dictionary<string, object> { ["uuid"] = serverUuid },
            [TokenClaims.User] = new Dictionary<string, object> { ["id"] = userId, ["uuid"] = user },
            [TokenClaims.IdentifiedBy] = $"{userId}:{serverUuid}",
        };
        if (grant is not null)
        {
            payload[TokenClaims.Grant] = grant;
        }
        if (withIat)
        {
            payload[TokenClaims.IssuedAt] = issued;
        }
        // Extra claims (a signed URL's route claims) are added, a null value removes a claim.
        foreach (var (name, value) in claims ?? new Dictionary<string, object?>())
        {
            if (value is null)
            {
                payload.Remove(name);
            }
            else
            {
                payload[name] = value;
            }
        }
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = payload,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key ?? secret)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A signed-URL token of spec 06 §6 for <paramref name="scope"/>, with the route claims in <paramref name="claims"/>.</summary>
    public string MintSignedUrl(string serverUuid, string scope, IReadOnlyDictionary<string, object?>? claims = null, long? iat = null,
        long? exp = null, string? userUuid = null, string? key = null)
    {
        var issued = iat ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var all = new Dictionary<string, object?> { [TokenClaims.Permissions] = null };
        foreach (var (name, value) in claims ?? new Dictionary<string, object?>())
        {
            all[name] = value;
        }
        return Mint(serverUuid, userUuid: userUuid, iat: issued, exp: exp ?? issued + 900, scope: scope, key: key, claims: all);
    }

    /// <summary>The <paramref name="index"/>th of a crowd of distinct watchers (one user each), as the bench opens them.</summary>
    public string MintFor(string serverUuid, int index, TimeSpan lifetime) =>
        Mint(serverUuid, userUuid: $"7b0f8f5e-1111-4c2b-9a59-{index:x12}", exp: DateTimeOffset.UtcNow.ToUnixTimeSeconds() + (long)lifetime.TotalSeconds,
            userId: index.ToString(CultureInfo.InvariantCulture));
}
