using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Auth;

/// <summary>Starts a browser session: the HttpOnly session cookie and the readable CSRF cookie.</summary>
internal static class SessionCookies
{
    public static async Task IssueAsync(HttpContext http, PanelUser user, SessionService sessions, PanelOptions options)
    {
        var token = await sessions.CreateAsync(user, http.RequestAborted);
        // IsHttps is true behind a trusted proxy that forwarded https (TrustedProxies); the public URL says what the browser sees otherwise.
        var secure = http.Request.IsHttps || PanelTls.IsPublic(options);
        http.Response.Cookies.Append(AuthCookies.Session, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = secure, Path = "/" });
        http.Response.Cookies.Append(AuthCookies.Csrf, Secrets.Random(32), new CookieOptions { HttpOnly = false, SameSite = SameSiteMode.Lax, Secure = secure, Path = "/" });
    }

    /// <summary>The client's address as the throttles and the audit key it (the real client's behind a trusted proxy).</summary>
    public static string ClientIp(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "unknown";
}
