using System.Text;
using System.Text.Json;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.Socket;
using Aerie.Contracts.Tokens;
using Aerie.Node.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Node.Tokens;

/// <summary>Spec 02's token rules, in order: signature, exp (leeway 0), iat, lifetime, revocation, scope,
/// connect permission, server. Expected failures are values carrying the exact protocol string.</summary>
internal sealed class TokenValidator(NodeConfig config, RevocationStore revocations, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new();
    private readonly TokenValidationParameters parameters = new()
    {
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(config.Token)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = false,
        ValidateAudience = false,
        // exp, nbf and iat are checked below with the protocol's own rules and strings.
        ValidateLifetime = false,
        RequireExpirationTime = false,
        RequireSignedTokens = true,
    };

    public async Task<TokenResult> ValidateAsync(string? jwt, string serverUuid)
    {
        if (string.IsNullOrWhiteSpace(jwt))
        {
            return TokenResult.Fail(SocketErrors.NoJwt);
        }
        if (jwt.Length > 8192)
        {
            return TokenResult.Fail(SocketErrorsExtra.Malformed);
        }
        var result = await handler.ValidateTokenAsync(jwt, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return TokenResult.Fail(result.Exception is SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException
                ? SocketErrorsExtra.InvalidSignature
                : SocketErrorsExtra.Malformed);
        }
        return Check(token, serverUuid);
    }

    /// <summary>Re-checks a held token against time and revocations (expiry loop, each inbound message).</summary>
    public string? Recheck(ConsoleToken token)
    {
        if (time.GetUtcNow().ToUnixTimeSeconds() >= token.ExpiresAt)
        {
            return SocketErrors.ExpInvalid;
        }
        return revocations.IsRevoked(token) ? SocketErrors.Denylisted : null;
    }

    private TokenResult Check(JsonWebToken jwt, string serverUuid)
    {
        if (!TryLong(jwt, TokenClaims.Expires, out var exp) || time.GetUtcNow().ToUnixTimeSeconds() >= exp)
        {
            return TokenResult.Fail(SocketErrors.ExpInvalid);
        }
        if (!TryLong(jwt, TokenClaims.IssuedAt, out var iat) || exp - iat > config.Tokens.MaxLifetime)
        {
            return TokenResult.Fail(SocketErrors.Denylisted);
        }
        var token = new ConsoleToken(
            Str(jwt, TokenClaims.ServerUuid) ?? "",
            Str(jwt, TokenClaims.UserUuid),
            Str(jwt, TokenClaims.Jti) ?? (jwt.TryGetHeaderValue<string>(TokenClaims.Jti, out var h) ? h : null),
            Strings(jwt, TokenClaims.Permissions),
            iat,
            exp);
        if (revocations.IsRevoked(token))
        {
            return TokenResult.Fail(SocketErrors.Denylisted);
        }
        // No exact string exists for a missing scope: it is a token that may not connect.
        if (!HasWebsocketScope(jwt) || !token.Grants(Permission.WebsocketConnect))
        {
            return TokenResult.Fail(SocketErrors.MissingConnect);
        }
        return !string.Equals(token.ServerUuid, serverUuid, StringComparison.OrdinalIgnoreCase)
            ? TokenResult.Fail(SocketErrors.ServerMismatch)
            : new TokenResult(token, null);
    }

    private static bool HasWebsocketScope(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<JsonElement>(TokenClaims.Scope, out var scope))
        {
            return false;
        }
        return scope.ValueKind switch
        {
            JsonValueKind.String => scope.GetString()!.Split(' ').Contains(TokenClaims.WebsocketScope, StringComparer.Ordinal),
            JsonValueKind.Array => scope.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.GetString() == TokenClaims.WebsocketScope),
            _ => false,
        };
    }

    private static bool TryLong(JsonWebToken jwt, string claim, out long value)
    {
        value = 0;
        if (!jwt.TryGetPayloadValue<JsonElement>(claim, out var e))
        {
            return false;
        }
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var d))
        {
            value = (long)d;
            return true;
        }
        return false;
    }

    private static string? Str(JsonWebToken jwt, string claim) =>
        jwt.TryGetPayloadValue<JsonElement>(claim, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    private static string[] Strings(JsonWebToken jwt, string claim)
    {
        if (!jwt.TryGetPayloadValue<JsonElement>(claim, out var e) || e.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return [.. e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)];
    }
}
