using System.Text.Json.Nodes;
using Aerie.Panel.Activity;
using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.Users;

/// <summary>
/// <c>PUT /api/client/account/email</c> and <c>PUT /api/client/account/password</c> (spec 04 §2.2). The current
/// password is checked before the fields are (Pterodactyl checks it as the request's authorisation), so a wrong
/// password is the 400 whatever else the body holds.
/// </summary>
internal static class AccountApi
{
    public const int MinPassword = 8;

    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/client/account").AddEndpointFilter(new AuthFilter(adminOnly: false));
        group.MapPut("/email", async (HttpContext http, AccountService accounts, ActivityWriter activity, PanelDb db, TimeProvider time) =>
        {
            var user = Caller.Of(http).User;
            var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
            accounts.RequirePassword(user, input.Raw["password"] is JsonValue v && v.TryGetValue<string>(out var p) ? p : null);
            var email = input.String("email", required: true, max: EmailRule.MaxLength)?.ToLowerInvariant();
            if (email is not null && !EmailRule.IsValid(email))
            {
                input.Fail("email", "email", "The email field must be a valid email address.");
            }
            input.ThrowIfInvalid();
            var old = await accounts.ChangeEmailAsync(user.Id, email!, http.RequestAborted);
            await activity.RecordAsync(ActivityEntries.Of(http, PanelActivityEvents.EmailChanged, time, properties: new JsonObject { ["old"] = old, ["new"] = email }),
                db, http.RequestAborted);
            return Results.NoContent();
        });
        group.MapPut("/password", async (HttpContext http, AccountService accounts, ActivityWriter activity, PanelDb db, TimeProvider time) =>
        {
            var caller = Caller.Of(http);
            var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
            accounts.RequirePassword(caller.User, input.Raw["current_password"] is JsonValue v && v.TryGetValue<string>(out var p) ? p : null);
            var password = input.String("password", required: true, max: 1024);
            if (password is not null && password.Length < MinPassword)
            {
                input.Fail("password", "min", $"The password field must be at least {MinPassword} characters.");
            }
            if (password is not null && input.String("password_confirmation") != password)
            {
                input.Fail("password", "confirmed", "The password field confirmation does not match.");
            }
            input.ThrowIfInvalid();
            await accounts.ChangePasswordAsync(caller.User.Id, password!, caller.Session?.Id, http.RequestAborted);
            await activity.RecordAsync(ActivityEntries.Of(http, PanelActivityEvents.PasswordChanged, time), db, http.RequestAborted);
            return Results.NoContent();
        });
        return app;
    }
}
