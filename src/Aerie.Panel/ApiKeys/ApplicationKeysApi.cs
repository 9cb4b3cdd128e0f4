using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.ApiKeys;

/// <summary>
/// <c>/api/application/api-keys</c>: Aerie's admin-only extra (Pterodactyl has no API for it, only its admin
/// pages) behind the web UI's application-key page. A signed-in administrator's session only: no API key may
/// mint or list application keys, so a leaked key cannot widen itself.
/// </summary>
internal static class ApplicationKeysApi
{
    public const string SessionOnlyText = "Application API keys are managed from a signed-in administrator's session, not with an API key.";

    public static IEndpointRouteBuilder MapApplicationKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/application/api-keys").AddEndpointFilter(new AuthFilter(adminOnly: true)).AddEndpointFilter((context, next) =>
            Caller.Of(context.HttpContext).ViaApiKey
                ? ValueTask.FromResult<object?>(ApiErrors.Result(403, SessionOnlyText, ApiErrorCodes.AccessDenied))
                : next(context));
        group.MapGet("/", async (HttpContext http, ApiKeyService keys) =>
            Results.Json(ApplicationKeyTransformer.Instance.List(await keys.ListApplicationAsync(Caller.Of(http).User, http.RequestAborted))));
        group.MapPost("/", async (HttpContext http, ApiKeyService keys) =>
        {
            var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
            var description = input.String("description", required: true, max: 500);
            var ips = input.StringArray("allowed_ips");
            var masks = new Dictionary<ApplicationResource, int>();
            foreach (var resource in Enum.GetValues<ApplicationResource>())
            {
                // 0 none, 1 read, 2 write, 3 both (the UI offers 0/1/3); absent is 0.
                if (input.Integer(ApplicationMasks.Name(resource), min: ApplicationMasks.None, max: ApplicationMasks.ReadWrite) is { } mask)
                {
                    masks[resource] = (int)mask;
                }
            }
            input.ThrowIfInvalid();
            var (key, token) = await keys.CreateApplicationAsync(Caller.Of(http).User, description, masks, ips, http.RequestAborted);
            var document = Fractal.WithMeta(ApplicationKeyTransformer.Instance.Item(key), new JsonObject { ["secret_token"] = token[ApiKeyService.IdentifierLength..] });
            return Results.Json(document, statusCode: StatusCodes.Status201Created);
        });
        group.MapDelete("/{identifier}", async (string identifier, HttpContext http, ApiKeyService keys) =>
        {
            await keys.RevokeApplicationAsync(Caller.Of(http).User, identifier, http.RequestAborted);
            return Results.NoContent();
        });
        return app;
    }
}
