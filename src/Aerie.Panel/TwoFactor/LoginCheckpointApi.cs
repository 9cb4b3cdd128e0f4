using System.Globalization;
using System.Text.Json.Serialization;
using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.TwoFactor;

/// <summary>
/// <c>POST /auth/login/checkpoint</c> {confirmation_token, authentication_code | recovery_token}: the second login
/// step for a user with two-factor. Wrong codes count against the same throttle as wrong passwords.
/// </summary>
internal static class LoginCheckpointApi
{
    public const string Expired = "The login confirmation has expired or was already used; sign in again.";

    public static IEndpointRouteBuilder MapLoginCheckpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/login/checkpoint", CheckpointAsync);
        return app;
    }

    private static async Task<IResult> CheckpointAsync(CheckpointRequest body, HttpContext http, LoginCheckpoints checkpoints, PanelDb db,
        TwoFactorService twoFactor, LoginThrottle throttle, SessionService sessions, PanelOptions options)
    {
        var ct = http.RequestAborted;
        var userId = checkpoints.Take(body.ConfirmationToken);
        var user = userId is { } id ? await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) : null;
        if (user is null || user.Suspended)
        {
            return ApiErrors.Result(401, Expired);
        }
        var ip = SessionCookies.ClientIp(http);
        var account = LoginThrottleKeys.Account(user, user.Username);
        if (throttle.TryBegin(account, ip) is { } wait)
        {
            http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            return ApiErrors.Result(429, "Too many login attempts.");
        }
        if (!await twoFactor.VerifyLoginAsync(user, body.AuthenticationCode, body.RecoveryToken, ct))
        {
            return ApiErrors.Result(401, "Invalid credentials.");
        }
        // Both attempts of this login (password, code) are given back.
        throttle.Succeeded(account, ip, attempts: 2);
        await SessionCookies.IssueAsync(http, user, sessions, options);
        return Results.Ok(new { complete = true, user = UserView.Of(user) });
    }

    internal sealed record CheckpointRequest(
        [property: JsonPropertyName("confirmation_token")] string? ConfirmationToken,
        [property: JsonPropertyName("authentication_code")] string? AuthenticationCode,
        [property: JsonPropertyName("recovery_token")] string? RecoveryToken);
}
