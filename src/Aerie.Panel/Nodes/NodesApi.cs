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

namespace Aerie.Panel.Nodes;

/// <summary><c>/api/application/nodes</c> (spec 04 §3.3); deployable nodes and allocations have their own files.</summary>
internal static class NodesApi
{
    private static readonly ListRules Rules = new(["uuid", "name", "fqdn", "daemon_token_id"], ["id", "uuid", "memory", "disk"], 50, 500);

    public static IEndpointRouteBuilder MapNodes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/application/nodes").AddEndpointFilter(new AuthFilter(adminOnly: true))
            .AddEndpointFilter(new ApplicationResourceFilter(ApplicationResource.Nodes));
        group.MapGet("/", async (HttpRequest request, PanelDb db, PanelOptions options, CancellationToken ct) =>
        {
            var list = ListQuery.Parse(request.Query, Rules);
            var query = db.Nodes.AsNoTracking()
                .WhereContainsAny(n => n.Name, list.Filter("name"))
                .WhereContainsAny(n => n.PublicHost, list.Filter("fqdn"))
                .WhereContainsAny(n => n.TokenId, list.Filter("daemon_token_id"));
            if (list.Filter("uuid") is { } uuids)
            {
                // A substring of the textual uuid, as Pterodactyl's LIKE on its uuid column.
                var wanted = uuids.Select(v => v.ToLowerInvariant()).ToList();
                var ids = (await db.Nodes.AsNoTracking().Select(n => new { n.Id, n.Uuid }).ToListAsync(ct))
                    .Where(n => wanted.Any(w => n.Uuid.ToString().Contains(w, StringComparison.Ordinal))).Select(n => n.Id).ToList();
                query = query.Where(n => ids.Contains(n.Id));
            }
            var ordered = list.Sort switch
            {
                "uuid" => list.Order(query, n => n.Uuid),
                "memory" => list.Order(query, n => n.MemoryMb),
                "disk" => list.Order(query, n => n.DiskMb),
                _ => list.Order(query, n => n.Id),
            };
            var page = await list.PageAsync(ordered, ct);
            var includes = Includes.From(request.Query);
            var transformer = await NodeIncludes.TransformerAsync(db, [.. page.Items.Select(n => n.Id)], includes, ct);
            return Results.Json(transformer.Paginated(page, PageLinks.Of(request, options), includes));
        });
        group.MapGet("/{id:int}", async (int id, HttpRequest request, PanelDb db, NodeService nodes, CancellationToken ct) =>
        {
            var node = await nodes.FindAsync(id, ct);
            var includes = Includes.From(request.Query);
            return Results.Json((await NodeIncludes.TransformerAsync(db, [id], includes, ct)).Item(node, includes));
        });
        group.MapGet("/{id:int}/configuration", async (int id, NodeService nodes, NodeSecrets secrets, PanelOptions options, CancellationToken ct) =>
        {
            var node = await nodes.FindAsync(id, ct);
            var secret = secrets.TryUnprotect(node.TokenSecretProtected) ?? throw new PanelProblem(500, "The node secret cannot be decrypted (Data Protection keys lost?).");
            return Results.Json(NodeConfigJson.Render(node, secret, options.PublicUrl));
        });
        group.MapPost("/", async (HttpRequest request, PanelDb db, NodeService nodes, PanelOptions options, CancellationToken ct) =>
        {
            var (details, _) = await ReadAsync(request, ct);
            var node = await nodes.CreateAsync(details, ct);
            var item = (await NodeIncludes.TransformerAsync(db, [node.Id], Includes.None, ct)).Item(node);
            var document = Fractal.WithMeta(item, new JsonObject { ["resource"] = $"{options.PublicUrl.TrimEnd('/')}/api/application/nodes/{node.Id}" });
            return Results.Json(document, statusCode: StatusCodes.Status201Created);
        });
        group.MapPatch("/{id:int}", async (int id, HttpRequest request, PanelDb db, NodeService nodes, CancellationToken ct) =>
        {
            await nodes.FindAsync(id, ct);
            var (details, resetSecret) = await ReadAsync(request, ct);
            var node = await nodes.ReplaceAsync(id, details, resetSecret, ct);
            return Results.Json((await NodeIncludes.TransformerAsync(db, [id], Includes.None, ct)).Item(node));
        });
        group.MapDelete("/{id:int}", async (int id, NodeService nodes, CancellationToken ct) =>
        {
            await nodes.DeleteAsync(id, ct);
            return Results.NoContent();
        });
        return app;
    }

    /// <summary>Create and PATCH read the same fields, every required one both times (pterojs sends the whole node back).</summary>
    private static async Task<(NodeDetails Details, bool ResetSecret)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var input = await ApiBody.ReadAsync(request, ct);
        var name = input.String("name", required: true, min: 1, max: 100);
        var description = input.String("description", max: 65_535);
        var location = input.Integer("location_id", required: true, max: int.MaxValue);
        var fqdn = input.String("fqdn", required: true, max: 253);
        var scheme = input.OneOf("scheme", ["http", "https"], required: true);
        var memory = input.Integer("memory", required: true, min: 0);
        var memoryOver = input.Integer("memory_overallocate", required: true, min: -1, max: int.MaxValue);
        var disk = input.Integer("disk", required: true, min: 0);
        var diskOver = input.Integer("disk_overallocate", required: true, min: -1, max: int.MaxValue);
        var listen = input.Integer("daemon_listen", required: true, min: 1, max: 65535);
        var sftp = input.Integer("daemon_sftp", required: true, min: 1, max: 65535);
        var isPublic = input.Boolean("public");
        var behindProxy = input.Boolean("behind_proxy");
        var maintenance = input.Boolean("maintenance_mode");
        var upload = input.Integer("upload_size", min: 1, max: 1024);
        var daemonBase = input.String("daemon_base", max: 191);
        var internalUrl = input.String("internal_url", max: 500);
        var reset = input.Boolean("reset_secret");
        input.ThrowIfInvalid();
        var details = new NodeDetails(name!, (int)location!.Value, fqdn!, scheme!, memory!.Value, (int)memoryOver!.Value, disk!.Value, (int)diskOver!.Value,
            (int)listen!.Value, (int)sftp!.Value, isPublic ?? true, behindProxy ?? false, maintenance ?? false, (int)(upload ?? 100), daemonBase, description, internalUrl);
        return (details, reset ?? false);
    }
}
