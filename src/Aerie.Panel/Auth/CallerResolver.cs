using Aerie.Panel.ApiKeys;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Auth;

/// <summary>Finds the caller from an API key (<c>Authorization: Bearer</c>) or the session cookie.</summary>
internal sealed class CallerResolver(SessionService sessions, ApiKeyService keys)
{
    public async Task<Caller?> ResolveAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            // A request that presents a key is judged by the key alone, never by a cookie beside it.
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            var key = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), context.Connection.RemoteIpAddress, ct);
            return key?.User is null ? null : new Caller(key.User, key);
        }
        if (context.Request.Cookies.TryGetValue(AuthCookies.Session, out var token) && token is not null)
        {
            var session = await sessions.FindAsync(token, ct);
            return session?.User is null ? null : new Caller(session.User, Key: null, session);
        }
        return null;
    }
}
