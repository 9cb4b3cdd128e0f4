using Aerie.Panel.Activity;
using Aerie.Panel.Api;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Auth;

/// <summary>Finds the caller from an API key (<c>Authorization: Bearer</c>) or the session cookie.</summary>
internal sealed class CallerResolver(SessionService sessions, ApiKeyService keys, ActivityWriter activity, PanelDb db, TimeProvider time)
{
    /// <returns>the caller, or null when there are no valid credentials (401)</returns>
    /// <exception cref="PanelProblem">403 when a good key is used from an address outside its <c>allowed_ips</c> (recorded as <c>auth:ip-blocked</c>)</exception>
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
            var check = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), context.Connection.RemoteIpAddress, ct);
            if (check.Blocked is { User: { } owner } blocked)
            {
                await activity.RecordAsync(new ActivityRecord
                {
                    UserUuid = owner.Uuid,
                    Event = PanelActivityEvents.IpBlocked,
                    Ip = check.BlockedIp,
                    MetadataJson = Json.Write(new Dictionary<string, string> { ["identifier"] = blocked.Identifier }),
                    Timestamp = time.GetUtcNow(),
                }, db, ct);
                throw new PanelProblem(403, $"This IP address ({check.BlockedIp}) does not have permission to access the API using these credentials.", ApiErrorCodes.AccessDenied);
            }
            return check.Key?.User is null ? null : new Caller(check.Key.User, check.Key);
        }
        if (context.Request.Cookies.TryGetValue(AuthCookies.Session, out var token) && token is not null)
        {
            var session = await sessions.FindAsync(token, ct);
            return session?.User is null ? null : new Caller(session.User, Key: null, session);
        }
        return null;
    }
}
