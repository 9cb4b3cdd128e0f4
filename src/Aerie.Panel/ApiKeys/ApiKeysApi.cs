using System.Text.Json.Serialization;
using Aerie.Panel.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.ApiKeys;

internal static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/client/account/api-keys").AddEndpointFilter(new AuthFilter(adminOnly: false));
        group.MapGet("/", async (HttpContext http, ApiKeyService keys) =>
            Results.Ok(new { data = (await keys.ListAsync(Caller.Of(http).User, http.RequestAborted)).Select(ApiKeyView.Of) }));
        group.MapPost("/", async (CreateKeyRequest body, HttpContext http, ApiKeyService keys) =>
        {
            var caller = Caller.Of(http);
            var (key, token) = await keys.CreateAsync(caller.User, body.Description, body.ExpiresAt, body.AllowedIps, caller.Key, http.RequestAborted);
            var view = ApiKeyView.Of(key);
            return Results.Created($"/api/client/account/api-keys/{key.Identifier}", new
            {
                identifier = view.Identifier,
                token,
                description = view.Description,
                createdAt = view.CreatedAt,
                expiresAt = view.ExpiresAt,
                lastUsedAt = view.LastUsedAt,
                allowedIps = view.AllowedIps,
            });
        });
        group.MapDelete("/{identifier}", async (string identifier, HttpContext http, ApiKeyService keys) =>
        {
            await keys.RevokeAsync(Caller.Of(http).User, identifier, http.RequestAborted);
            return Results.NoContent();
        });
        return app;
    }

    internal sealed record CreateKeyRequest(
        [property: JsonPropertyName("description")] string? Description,
        [property: JsonPropertyName("expiresAt")] DateTimeOffset? ExpiresAt,
        [property: JsonPropertyName("allowedIps")] IReadOnlyList<string>? AllowedIps);
}
