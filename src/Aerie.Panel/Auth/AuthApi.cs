using System.Globalization;
using System.Text.Json.Serialization;
using Aerie.Panel.Api;
using Aerie.Panel.Http;
using Aerie.Panel.TwoFactor;
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
        app.MapGet("/api/client/account", (HttpContext http) => Results.Json(AccountTransformer.Instance.Item(Caller.Of(http).User)))
            .AddEndpointFilter(new AuthFilter(adminOnly: false));
        return app;
    }

    private static async Task<IResult> LoginAsync(LoginRequest body, HttpContext http, UserService users, SessionService sessions, LoginThrottle throttle,
        PanelOptions options, LoginCheckpoints checkpoints)
    {
        var login = body.Login ?? "";
        var ip = SessionCookies.ClientIp(http);
        var valid = login.Length is > 0 and <= 254 && body.Password is { Length: > 0 and <= 1024 };
        var user = valid ? await users.FindForLoginAsync(login, http.RequestAborted) : null;
        // Keyed by the account, not the text typed: the username and the email of one user share one counter.
        var account = LoginThrottleKeys.Account(user, login);
        // Counted before the hash runs, so parallel guesses cannot all pass the check while the first ones are hashing.
        if (throttle.TryBegin(account, ip) is { } wait)
        {
            http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            return ApiErrors.Result(429, "Too many login attempts.");
        }
        if (!valid || !users.PasswordMatches(user, body.Password!) || user is null || user.Suspended)
        {
            return ApiErrors.Result(401, "Invalid credentials.");
        }
        if (user.TwoFactorEnabled)
        {
            // The password attempt stays counted until the code is right, so right password + guessed codes cannot loop for free.
            return Results.Ok(new LoginPending(false, checkpoints.Issue(user.Id)));
        }
        throttle.Succeeded(account, ip);
        await SessionCookies.IssueAsync(http, user, sessions, options);
        return Results.Ok(new { complete = true, user = UserView.Of(user) });
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

    /// <summary>Password right, a second factor needed: <c>POST /auth/login/checkpoint</c> with this token (Pterodactyl's field names).</summary>
    internal sealed record LoginPending(
        [property: JsonPropertyName("complete")] bool Complete,
        [property: JsonPropertyName("confirmation_token")] string ConfirmationToken);

    internal sealed record LoginRequest(
        [property: JsonPropertyName("login")] string? Login,
        [property: JsonPropertyName("password")] string? Password);
}
