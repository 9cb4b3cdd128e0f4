using System.Text.Json.Serialization;
using Aerie.Panel.Auth;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.TwoFactor;

/// <summary>
/// Spec 04 §2.2, account two-factor: <c>GET</c> a new secret, <c>POST</c> {code, password} to enable (→ recovery
/// tokens), <c>POST …/disable</c> or <c>DELETE</c> (the older route pterojs and jspteroapi call) {password}.
/// Bodies of these routes are never logged: they hold passwords and codes.
/// </summary>
internal static class TwoFactorApi
{
    public static IEndpointRouteBuilder MapTwoFactor(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(TwoFactorGate.TwoFactorPath).AddEndpointFilter(new AuthFilter(adminOnly: false));
        group.MapGet("/", async (HttpContext http, TwoFactorService twoFactor) =>
        {
            var (url, secret) = await twoFactor.BeginEnrolAsync(Caller.Of(http).User, http.RequestAborted);
            // Not a Fractal item: Pterodactyl answers this one with a bare data object.
            return Results.Ok(new { data = new EnrolView(url, secret) });
        });
        group.MapPost("/", async (EnableRequest body, HttpContext http, TwoFactorService twoFactor) =>
        {
            var code = Required(body.Code, "code");
            if (code.Length != 6)
            {
                throw PanelProblem.Invalid("The code must be 6 characters.");
            }
            var password = Required(body.Password, "password");
            var tokens = await twoFactor.EnableAsync(Caller.Of(http).User, code, password, ActivityContext.Of(http), http.RequestAborted);
            return tokens is null
                ? TwoFactorErrors.Result(400, TwoFactorErrors.InvalidTokenCode, TwoFactorErrors.InvalidToken)
                : Results.Ok(new { @object = "recovery_tokens", attributes = new { tokens } });
        });
        group.MapPost("/disable", DisableAsync);
        group.MapDelete("/", DisableAsync);
        return app;
    }

    // Explicit: a DELETE body is never inferred, and this DELETE carries one.
    private static async Task<IResult> DisableAsync([FromBody] DisableRequest? body, HttpContext http, TwoFactorService twoFactor)
    {
        var password = Required(body?.Password, "password");
        await twoFactor.DisableAsync(Caller.Of(http).User, password, ActivityContext.Of(http), http.RequestAborted);
        return Results.NoContent();
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw PanelProblem.Invalid($"The {field} field is required.") : value;

    internal sealed record EnrolView(
        [property: JsonPropertyName("image_url_data")] string ImageUrlData,
        [property: JsonPropertyName("secret")] string Secret);

    internal sealed record EnableRequest(
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("password")] string? Password);

    internal sealed record DisableRequest(
        [property: JsonPropertyName("password")] string? Password);
}
