using System.Security.Cryptography;
using System.Text;
using Aerie.Contracts.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Node.Tests.Support;

/// <summary>Mints console tokens with the node secret, claims as spec 01 defines them.
/// Every claim can be left out or overridden to build the bad tokens spec 02 refuses.</summary>
internal sealed class TokenMinter(string secret)
{
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Mint(string serverUuid, string[]? permissions = null, string? userUuid = null, long? iat = null,
        long? exp = null, object? scope = null, bool withIat = true, string? jti = null, string? key = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var issued = iat ?? now;
        var user = userUuid ?? "7b0f8f5e-1111-4c2b-9a59-000000000001";
        var claims = new Dictionary<string, object>
        {
            [TokenClaims.ServerUuid] = serverUuid,
            [TokenClaims.UserUuid] = user,
            [TokenClaims.UserId] = "1",
            [TokenClaims.Permissions] = permissions ?? ["*"],
            [TokenClaims.Scope] = scope ?? TokenClaims.WebsocketScope,
            [TokenClaims.Jti] = jti ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{user}:{serverUuid}"))),
            [TokenClaims.UniqueId] = Guid.NewGuid().ToString("N"),
            [TokenClaims.Issuer] = "http://panel.test",
            [TokenClaims.Audience] = "http://node.test",
            [TokenClaims.NotBefore] = issued - 300,
            [TokenClaims.Expires] = exp ?? issued + 600,
            [TokenClaims.Server] = new Dictionary<string, object> { ["uuid"] = serverUuid },
            [TokenClaims.User] = new Dictionary<string, object> { ["id"] = "1", ["uuid"] = user },
            [TokenClaims.IdentifiedBy] = $"1:{serverUuid}",
        };
        if (withIat)
        {
            claims[TokenClaims.IssuedAt] = issued;
        }
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key ?? secret)), SecurityAlgorithms.HmacSha256),
        });
    }
}
