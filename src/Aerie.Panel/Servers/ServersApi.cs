using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Servers;

/// <summary><c>/api/application/servers</c> (spec 04 §3.5): servers by integer id, every route behind the key's <c>r_servers</c> mask.</summary>
internal static class ServersApi
{
    // externalId and identifier are pterojs's spellings (beyond Pterodactyl).
    private static readonly ListRules Rules = new(["uuid", "uuidShort", "name", "description", "image", "external_id", "externalId", "identifier"], ["id", "uuid"], 50, 500);

    public static IEndpointRouteBuilder MapServers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/application/servers")
            .AddEndpointFilter(new AuthFilter(adminOnly: true))
            .AddEndpointFilter((context, next) =>
            {
                ApplicationAccess.Require(context.HttpContext, ApplicationResource.Servers);
                return next(context);
            });
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:int}", async (int id, HttpRequest request, PanelDb db, ServerService servers, CancellationToken ct) =>
            await ItemAsync(db, await servers.FindAsync(id, ct), Includes.From(request.Query), ct));
        group.MapGet("/external/{externalId}", async (string externalId, HttpRequest request, PanelDb db, CancellationToken ct) =>
        {
            var server = await db.Servers.AsNoTracking().FirstOrDefaultAsync(s => s.ExternalId == externalId, ct)
                ?? throw new Http.PanelProblem(404, ApiErrorCodes.ResourceNotFoundText);
            return await ItemAsync(db, server, Includes.From(request.Query), ct);
        });
        group.MapPost("/", async (HttpRequest request, PanelDb db, ServerProvisioning provisioning, PanelOptions options, CancellationToken ct) =>
        {
            var server = await provisioning.CreateAsync(await ServerInputs.ReadCreateAsync(request, ct), ct);
            var document = await DocumentAsync(db, server, Includes.From(request.Query), ct);
            // Pterodactyl sends no meta.resource here; the spec lets Aerie add it like every other create.
            Fractal.WithMeta(document, new JsonObject { ["resource"] = $"{options.PublicUrl.TrimEnd('/')}/api/application/servers/{server.Id}" });
            return Results.Json(document, statusCode: StatusCodes.Status201Created);
        });
        // An unknown id is 404 whatever the body (Laravel binds the route's model before validating).
        group.MapPatch("/{id:int}/details", async (int id, HttpRequest request, PanelDb db, ServerService servers, CancellationToken ct) =>
        {
            await servers.FindAsync(id, ct);
            return await ItemAsync(db, await servers.UpdateDetailsAsync(id, await ServerInputs.ReadDetailsAsync(request, ct), ct), Includes.From(request.Query), ct);
        });
        group.MapPatch("/{id:int}/build", async (int id, HttpRequest request, PanelDb db, ServerService servers, CancellationToken ct) =>
        {
            await servers.FindAsync(id, ct);
            return await ItemAsync(db, await servers.UpdateBuildAsync(id, await ServerInputs.ReadBuildAsync(request, ct), ct), Includes.From(request.Query), ct);
        });
        group.MapPatch("/{id:int}/startup", async (int id, HttpRequest request, PanelDb db, ServerService servers, CancellationToken ct) =>
        {
            await servers.FindAsync(id, ct);
            return await ItemAsync(db, await servers.UpdateStartupAsync(id, await ServerInputs.ReadStartupAsync(request, ct), ct), Includes.From(request.Query), ct);
        });
        group.MapPost("/{id:int}/suspend", async (int id, ServerService servers, CancellationToken ct) =>
        {
            await servers.SetSuspendedAsync(id, true, ct);
            return Results.NoContent();
        });
        group.MapPost("/{id:int}/unsuspend", async (int id, ServerService servers, CancellationToken ct) =>
        {
            await servers.SetSuspendedAsync(id, false, ct);
            return Results.NoContent();
        });
        group.MapPost("/{id:int}/reinstall", async (int id, ServerService servers, CancellationToken ct) =>
        {
            await servers.ReinstallAsync(id, ct);
            return Results.NoContent();
        });
        group.MapDelete("/{id:int}", async (int id, ServerService servers, CancellationToken ct) =>
        {
            await servers.DeleteAsync(id, force: false, ct);
            return Results.NoContent();
        });
        // Pterodactyl's route is /{server}/{force?}: only the word "force" forces, any other segment is a plain delete.
        group.MapDelete("/{id:int}/{mode}", async (int id, string mode, ServerService servers, CancellationToken ct) =>
        {
            await servers.DeleteAsync(id, force: mode == "force", ct);
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, PanelDb db, PanelOptions options, CancellationToken ct)
    {
        var list = ListQuery.Parse(request.Query, Rules);
        var query = db.Servers.AsNoTracking()
            // A native uuid on PostgreSQL, upper-case text on SQLite: its lower-cased text form works on both.
            .WhereContainsAny(s => s.Uuid.ToString(), list.Filter("uuid"))
            .WhereContainsAny(s => s.Identifier, list.Filter("uuidShort"))
            .WhereContainsAny(s => s.Identifier, list.Filter("identifier"))
            .WhereContainsAny(s => s.Name, list.Filter("name"))
            .WhereContainsAny(s => s.Description, list.Filter("description"))
            .WhereContainsAny(s => s.Image, list.Filter("image"))
            .WhereContainsAny(s => s.ExternalId, list.Filter("external_id"))
            .WhereContainsAny(s => s.ExternalId, list.Filter("externalId"));
        var ordered = list.Sort == "uuid" ? list.Order(query, s => s.Uuid) : list.Order(query, s => s.Id);
        var page = await list.PageAsync(ordered, ct);
        var includes = Includes.From(request.Query);
        var relations = await ServerRelations.LoadAsync(db, page.Items, includes, ct);
        return Results.Json(new ServerTransformer(relations).Paginated(page, PageLinks.Of(request, options), includes));
    }

    private static async Task<IResult> ItemAsync(PanelDb db, GameServer server, Includes includes, CancellationToken ct) =>
        Results.Json(await DocumentAsync(db, server, includes, ct));

    private static async Task<JsonObject> DocumentAsync(PanelDb db, GameServer server, Includes includes, CancellationToken ct) =>
        new ServerTransformer(await ServerRelations.LoadAsync(db, [server], includes, ct)).Item(server, includes);
}
