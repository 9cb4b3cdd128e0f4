using System.Globalization;
using System.Text.Json.Nodes;
using Aerie.Panel.Activity;
using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.ApiKeys;

/// <summary>
/// <c>/api/client/account/api-keys</c> (spec 04 §2.2): list, create (answers <c>meta.secret_token</c> = the
/// 32-character secret only; the usable key is identifier + secret), delete.
/// </summary>
internal static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/client/account/api-keys").AddEndpointFilter(new AuthFilter(adminOnly: false));
        group.MapGet("/", async (HttpContext http, ApiKeyService keys) =>
            Results.Json(ApiKeyTransformer.Instance.List(await keys.ListAsync(Caller.Of(http).User, http.RequestAborted))));
        group.MapPost("/", CreateAsync);
        group.MapDelete("/{identifier}", async (string identifier, HttpContext http, ApiKeyService keys, ActivityWriter activity, PanelDb db, TimeProvider time) =>
        {
            var user = Caller.Of(http).User;
            await keys.RevokeAsync(user, identifier, http.RequestAborted);
            await RecordAsync(activity, db, http, user, PanelActivityEvents.ApiKeyDeleted, identifier, time);
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ApiKeyService keys, ActivityWriter activity, PanelDb db, TimeProvider time)
    {
        var caller = Caller.Of(http);
        var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
        var description = input.String("description", required: true, max: 500);
        var ips = input.StringArray("allowed_ips");
        var expires = ExpiresAt(input);
        input.ThrowIfInvalid();
        var (key, token) = await keys.CreateAsync(caller.User, description, expires, ips, caller.Key, http.RequestAborted);
        await RecordAsync(activity, db, http, caller.User, PanelActivityEvents.ApiKeyCreated, key.Identifier, time);
        var document = ApiKeyTransformer.Instance.Item(key);
        return Results.Json(Fractal.WithMeta(document, new JsonObject { ["secret_token"] = token[ApiKeyService.IdentifierLength..] }));
    }

    /// <summary>Aerie's optional expiry (ISO-8601); Pterodactyl's keys never expire.</summary>
    private static DateTimeOffset? ExpiresAt(ApiInput input)
    {
        var text = input.String("expires_at");
        if (text is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }
        input.Fail("expires_at", "date", "The expires at field must be a valid date.");
        return null;
    }

    private static async Task RecordAsync(ActivityWriter activity, PanelDb db, HttpContext http, PanelUser user, string name, string identifier, TimeProvider time) =>
        await activity.RecordAsync(new ActivityRecord
        {
            UserUuid = user.Uuid,
            Event = name,
            Ip = http.Connection.RemoteIpAddress?.ToString(),
            MetadataJson = Json.Write(new Dictionary<string, string> { ["identifier"] = identifier }),
            Timestamp = time.GetUtcNow(),
        }, db, http.RequestAborted);
}
