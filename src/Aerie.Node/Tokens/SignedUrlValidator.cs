using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Tokens;
using Aerie.Node.Configuration;
using Aerie.Node.Servers;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Aerie.Node.Tokens;

/// <summary>
/// The token check of the signed-URL routes (<c>/upload/file</c>, <c>/download/file</c>, <c>/download/backup</c>),
/// spec 06 §6 in its order: 1. signature with the node secret, <c>exp</c> in the future (no leeway), <c>exp − iat</c>
/// within the max token lifetime; 2. the server exists here; 3. <c>iat</c>, <c>server_uuid</c>, <c>user_uuid</c>
/// present and not revoked (the console's <see cref="RevocationStore"/>); 4. <c>unique_id</c> used once
/// (<see cref="UsedTokenStore"/>); 5. the route's scope. Every failure is null, which the route answers with
/// <see cref="NotFound"/>: a caller learns nothing about which check failed.
/// </summary>
internal sealed class SignedUrlValidator(NodeConfig config, TokenValidator signatures, RevocationStore revocations,
    UsedTokenStore used, ServerManager servers, TimeProvider time)
{
    public static IResult NotFound => Results.Json(new NodeError(SignedUrlErrors.TokenNotFound), statusCode: StatusCodes.Status404NotFound);

    /// <summary>A backup download whose <c>backup_uuid</c> is not canonical or names no archive here (step 6).</summary>
    public static IResult BackupNotFound => Results.Json(new NodeError(SignedUrlErrors.BackupNotFound), statusCode: StatusCodes.Status404NotFound);

    /// <summary>The <c>token</c> query parameter of <paramref name="request"/>, checked for <paramref name="scope"/>.</summary>
    public Task<SignedUrl?> ValidateAsync(HttpRequest request, string scope) =>
        ValidateAsync(request.Query["token"].ToString(), scope);

    public async Task<SignedUrl?> ValidateAsync(string? jwt, string scope)
    {
        // 1. signature, expiry, lifetime.
        if (await signatures.VerifySignatureAsync(jwt) is not { } token)
        {
            return null;
        }
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (!TokenValidator.TryLong(token, TokenClaims.Expires, out var exp) || now >= exp)
        {
            return null;
        }
        var hasIat = TokenValidator.TryLong(token, TokenClaims.IssuedAt, out var iat);
        // A future iat would outlive revocations issued before it (as on the console socket).
        if (hasIat && (exp - iat > config.Tokens.MaxLifetime || iat > now + config.Tokens.MaxClockSkew))
        {
            return null;
        }
        // 2. the server.
        var serverUuid = TokenValidator.Str(token, TokenClaims.ServerUuid);
        if (serverUuid is null || !servers.TryGet(serverUuid, out var server))
        {
            return null;
        }
        // 3. present and not revoked.
        var userUuid = TokenValidator.Str(token, TokenClaims.UserUuid);
        if (!hasIat || string.IsNullOrEmpty(userUuid))
        {
            return null;
        }
        var jti = TokenValidator.Str(token, TokenClaims.Jti) ?? (token.TryGetHeaderValue<string>(TokenClaims.Jti, out var h) ? h : null);
        if (revocations.IsRevoked(new ConsoleToken(server.Uuid, userUuid, jti, [], iat, exp, TokenValidator.Str(token, TokenClaims.Grant))))
        {
            return null;
        }
        // 4. single use, recorded durably before the route runs.
        var uniqueId = TokenValidator.Str(token, TokenClaims.UniqueId);
        if (string.IsNullOrEmpty(uniqueId) || !used.TryUse(uniqueId, exp))
        {
            return null;
        }
        // 5. scope.
        return HasScope(token, scope) ? new SignedUrl(server, userUuid, token) : null;
    }

    // The panel sends a space-separated string; a JSON list (Wings' console style) is read too. The JWT library
    // hands a plain string back as a one-item list, so every item is split.
    private static bool HasScope(JsonWebToken token, string scope)
    {
        IEnumerable<string> items = token.TryGetPayloadValue<List<string>>(TokenClaims.Scope, out var list) && list is not null ? list
            : token.TryGetPayloadValue<string>(TokenClaims.Scope, out var text) && text is not null ? [text] : [];
        return items.Any(i => i is not null && i.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));
    }
}
