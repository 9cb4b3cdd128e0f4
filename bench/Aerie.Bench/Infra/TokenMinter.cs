using System.Security.Cryptography;
using System.Text;
using Aerie.Contracts.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Bench.Infra;

/// <summary>Mints console tokens as the panel does (spec 01 claims), for scenarios that talk to a node without a panel.</summary>
internal sealed class TokenMinter(string secret)
{
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Mint(string serverUuid, int index = 0)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        // One user per socket, as a crowd of watchers would be.
        var user = $"7b0f8f5e-1111-4c2b-9a59-{index:x12}";
        var claims = new Dictionary<string, object>
        {
            [TokenClaims.ServerUuid] = serverUuid,
            [TokenClaims.UserUuid] = user,
            [TokenClaims.UserId] = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [TokenClaims.Permissions] = new[] { "*" },
            [TokenClaims.Scope] = TokenClaims.WebsocketScope,
            [TokenClaims.Jti] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{user}:{serverUuid}"))),
            [TokenClaims.UniqueId] = Guid.NewGuid().ToString("N"),
            [TokenClaims.Issuer] = "http://panel.bench",
            [TokenClaims.Audience] = "http://node.bench",
            [TokenClaims.IssuedAt] = now,
            [TokenClaims.NotBefore] = now - 300,
            [TokenClaims.Expires] = now + 1800,
        };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
    }
}
