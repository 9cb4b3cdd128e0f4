using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Users;

/// <summary>
/// <c>/api/application/users</c> (spec 04 §3.2), by integer id. Aerie's admin-only extra: <c>POST
/// /users/{id}/suspend</c> and <c>/unsuspend</c> (a suspended account cannot sign in and its keys stop working).
/// </summary>
internal static class UsersApi
{
    private static readonly ListRules Rules = new(["email", "uuid", "username", "external_id"], ["id", "uuid"], 50, 500);

    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/application/users").AddEndpointFilter(new AuthFilter(adminOnly: true))
            .AddEndpointFilter(new ApplicationResourceFilter(ApplicationResource.Users));
        group.MapGet("/", async (HttpRequest request, PanelDb db, PanelOptions options, CancellationToken ct) =>
        {
            var list = ListQuery.Parse(request.Query, Rules);
            var query = db.Users.AsNoTracking()
                .WhereContainsAny(u => u.Email, list.Filter("email"))
                .WhereContainsAny(u => u.Username, list.Filter("username"))
                .WhereContainsAny(u => u.ExternalId, list.Filter("external_id"));
            if (list.Filter("uuid") is { } uuids)
            {
                // A substring of the textual uuid, as Pterodactyl's LIKE on its uuid column.
                var wanted = uuids.Select(v => v.ToLowerInvariant()).ToList();
                var ids = (await db.Users.AsNoTracking().Select(u => new { u.Id, u.Uuid }).ToListAsync(ct))
                    .Where(u => wanted.Any(w => u.Uuid.ToString().Contains(w, StringComparison.Ordinal))).Select(u => u.Id).ToList();
                query = query.Where(u => ids.Contains(u.Id));
            }
            var page = await list.PageAsync(list.Sort == "uuid" ? list.Order(query, u => u.Uuid) : list.Order(query, u => u.Id), ct);
            return Results.Json(UserTransformer.Instance.Paginated(page, PageLinks.Of(request, options), Includes.From(request.Query)));
        });
        group.MapGet("/{id:int}", async (int id, UserService users, CancellationToken ct) => Results.Json(UserTransformer.Instance.Item(await users.FindAsync(id, ct))));
        group.MapGet("/external/{externalId}", async (string externalId, PanelDb db, CancellationToken ct) =>
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.ExternalId == externalId, ct)
                ?? throw new PanelProblem(404, ApiErrorCodes.ResourceNotFoundText);
            return Results.Json(UserTransformer.Instance.Item(user));
        });
        group.MapPost("/", async (HttpRequest request, UserService users, PanelOptions options, CancellationToken ct) =>
        {
            var user = await users.CreateAsync(await ReadAsync(request, ct), ct);
            var document = Fractal.WithMeta(UserTransformer.Instance.Item(user), new JsonObject { ["resource"] = $"{options.PublicUrl.TrimEnd('/')}/api/application/users/{user.Id}" });
            return Results.Json(document, statusCode: StatusCodes.Status201Created);
        });
        group.MapPatch("/{id:int}", async (int id, HttpRequest request, UserService users, CancellationToken ct) =>
        {
            await users.FindAsync(id, ct);
            return Results.Json(UserTransformer.Instance.Item(await users.ReplaceAsync(id, await ReadAsync(request, ct), ct)));
        });
        group.MapDelete("/{id:int}", async (int id, UserService users, CancellationToken ct) =>
        {
            await users.DeleteAsync(id, ct);
            return Results.NoContent();
        });
        group.MapPost("/{id:int}/suspend", async (int id, UserService users, CancellationToken ct) =>
        {
            await users.SetSuspendedAsync(id, true, ct);
            return Results.NoContent();
        });
        group.MapPost("/{id:int}/unsuspend", async (int id, UserService users, CancellationToken ct) =>
        {
            await users.SetSuspendedAsync(id, false, ct);
            return Results.NoContent();
        });
        return app;
    }

    /// <summary>Create and PATCH read the same fields, the four names required both times (WHMCS and nodeactyl send them all).</summary>
    private static async Task<UserDetails> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var input = await ApiBody.ReadAsync(request, ct);
        var email = input.String("email", required: true, max: 191);
        var username = input.String("username", required: true, min: 1, max: 191);
        var first = input.String("first_name", required: true, min: 1, max: 191);
        var last = input.String("last_name", required: true, min: 1, max: 191);
        var external = input.String("external_id", max: 191);
        var password = input.String("password");
        var language = input.String("language", max: 5);
        var rootAdmin = input.Boolean("root_admin");
        input.ThrowIfInvalid();
        return new UserDetails(email!, username!, first!, last!, external, password, language, rootAdmin);
    }
}
