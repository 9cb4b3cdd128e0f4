using System.Text;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.Socket;
using Aerie.Contracts.Tokens;
using Aerie.Node.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Node.Tokens;

/// <summary>Spec 02's token rules, in order: signature, exp (leeway 0), iat (present, not beyond the clock skew ahead),
/// lifetime, revocation, scope, connect permission, server. Expected failures are values carrying the exact protocol
/// string; a signature or format failure is not one of spec 02's jwt errors (see <see cref="TokenResult.IsJwtError"/>).</summary>
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

    /// <summary>The token when its HS256 signature verifies with the node secret, else null; no claim is checked
    /// (the signed-URL routes apply their own rules, spec 06 §6).</summary>
    public async Task<JsonWebToken?> VerifySignatureAsync(string? jwt)
    {
        if (string.IsNullOrWhiteSpace(jwt) || jwt.Length > 8192)
        {
            return null;
        }
        var result = await handler.ValidateTokenAsync(jwt, parameters);
        return result.IsValid ? result.SecurityToken as JsonWebToken : null;
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

    /// <summary>True when a revocation now covers the token (a socket holding it stops getting frames).</summary>
    public bool IsRevoked(ConsoleToken token) => revocations.IsRevoked(token);

    private TokenResult Check(JsonWebToken jwt, string serverUuid)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (!TryLong(jwt, TokenClaims.Expires, out var exp) || now >= exp)
        {
            return TokenResult.Fail(SocketErrors.ExpInvalid);
        }
        // A future iat would outlive revocations issued before it: refused like the other mis-minted tokens.
        if (!TryLong(jwt, TokenClaims.IssuedAt, out var iat) || exp - iat > config.Tokens.MaxLifetime
            || iat > now + config.Tokens.MaxClockSkew)
        {
            return TokenResult.Fail(SocketErrors.Denylisted);
        }
        var token = new ConsoleToken(
            Str(jwt, TokenClaims.ServerUuid) ?? "",
            Str(jwt, TokenClaims.UserUuid),
            Str(jwt, TokenClaims.Jti) ?? (jwt.TryGetHeaderValue<string>(TokenClaims.Jti, out var h) ? h : null),
            Strings(jwt, TokenClaims.Permissions),
            iat,
            exp,
            Str(jwt, TokenClaims.Grant));
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

    // Wings reads scope as a list; a space-separated string (OAuth style) is accepted too.
    private static bool HasWebsocketScope(JsonWebToken jwt)
    {
        if (jwt.TryGetPayloadValue<List<string>>(TokenClaims.Scope, out var list) && list is not null)
        {
            return list.Contains(TokenClaims.WebsocketScope);
        }
        return jwt.TryGetPayloadValue<string>(TokenClaims.Scope, out var text) && text is not null
            && text.Split(' ').Contains(TokenClaims.WebsocketScope, StringComparer.Ordinal);
    }

    internal static bool TryLong(JsonWebToken jwt, string claim, out long value)
    {
        if (jwt.TryGetPayloadValue<long>(claim, out value))
        {
            return true;
        }
        if (jwt.TryGetPayloadValue<double>(claim, out var d))
        {
            value = (long)d;
            return true;
        }
        return false;
    }

    internal static string? Str(JsonWebToken jwt, string claim) =>
        jwt.TryGetPayloadValue<string>(claim, out var value) ? value : null;

    private static string[] Strings(JsonWebToken jwt, string claim) =>
        jwt.TryGetPayloadValue<List<string>>(claim, out var list) && list is not null ? [.. list.Where(p => p is not null)] : [];
}
