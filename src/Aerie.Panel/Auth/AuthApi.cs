using System.Globalization;
using System.Text.Json.Serialization;
using Aerie.Panel.Api;
using Aerie.Panel.Http;
using Aerie.Panel.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.Auth;

internal static class AuthApi
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/login", LoginAsync);
        app.MapPost("/auth/logout", LogoutAsync);
        app.MapGet("/api/client/account", (HttpContext http) => Results.Ok(new { user = UserView.Of(Caller.Of(http).User) }))
            .AddEndpointFilter(new AuthFilter(adminOnly: false));
        return app;
    }

    private static async Task<IResult> LoginAsync(LoginRequest body, HttpContext http, UserService users, SessionService sessions, LoginThrottle throttle,
        PanelOptions options)
    {
        var login = body.Login ?? "";
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(login, ip) is { } wait)
        {
            http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            return ApiErrors.Result(429, "Too many login attempts.");
        }
        var user = login.Length is > 0 and <= 254 && body.Password is { Length: > 0 and <= 1024 }
            ? await users.VerifyLoginAsync(login, body.Password, http.RequestAborted)
            : null;
        if (user is null)
        {
            throttle.Failed(login, ip);
            return ApiErrors.Result(401, "Invalid credentials.");
        }
        throttle.Succeeded(login);
        var token = await sessions.CreateAsync(user, http.RequestAborted);
        // Behind a TLS-terminating proxy the request arrives as http; the public URL says what the browser sees.
        var secure = http.Request.IsHttps || PanelTls.IsPublic(options);
        http.Response.Cookies.Append(AuthCookies.Session, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = secure, Path = "/" });
        http.Response.Cookies.Append(AuthCookies.Csrf, Secrets.Random(32), new CookieOptions { HttpOnly = false, SameSite = SameSiteMode.Lax, Secure = secure, Path = "/" });
        return Results.Ok(new { user = UserView.Of(user) });
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, SessionService sessions)
    {
        if (http.Request.Cookies.TryGetValue(AuthCookies.Session, out var token) && token is not null)
        {
            if (!AuthFilter.CsrfMatches(http.Request))
            {
                return ApiErrors.Result(419, "CSRF token mismatch.");
            }
            await sessions.DeleteAsync(token, http.RequestAborted);
        }
        http.Response.Cookies.Delete(AuthCookies.Session, new CookieOptions { Path = "/" });
        http.Response.Cookies.Delete(AuthCookies.Csrf, new CookieOptions { Path = "/" });
        return Results.NoContent();
    }

    internal sealed record LoginRequest(
        [property: JsonPropertyName("login")] string? Login,
        [property: JsonPropertyName("password")] string? Password);
}
