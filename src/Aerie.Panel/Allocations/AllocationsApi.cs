using System.Globalization;
using Aerie.Panel.Api;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Allocations;

/// <summary><c>/api/application/nodes/{id}/allocations</c> (spec 04 §3.3).</summary>
internal static class AllocationsApi
{
    private static readonly ListRules Rules = new(["ip", "port", "ip_alias", "server_id"], ["id"], 50, 500);

    public static IEndpointRouteBuilder MapAllocations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/application/nodes/{node:int}/allocations").AddEndpointFilter(new AuthFilter(adminOnly: true))
            .AddEndpointFilter(new ApplicationResourceFilter(ApplicationResource.Allocations));
        group.MapGet("/", async (int node, HttpRequest request, PanelDb db, PanelOptions options, CancellationToken ct) =>
        {
            await EnsureNodeAsync(db, node, ct);
            var list = ListQuery.Parse(request.Query, Rules);
            var includes = Includes.From(request.Query);
            IQueryable<Allocation> query = db.Allocations.AsNoTracking().Where(a => a.NodeId == node);
            if (includes.Has("node"))
            {
                query = query.Include(a => a.Node);
            }
            query = query.WhereEqualsAny(a => a.Ip, list.Filter("ip")).WhereContainsAny(a => a.Alias, list.Filter("ip_alias"));
            if (list.Filter("port") is { } ports)
            {
                var numbers = ports.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
                query = query.Where(a => numbers.Contains(a.Port));
            }
            if (list.Filter("server_id") is [var serverId, ..])
            {
                // An id filters by server; anything else means "unassigned only" (Pterodactyl's rule).
                query = int.TryParse(serverId, NumberStyles.None, CultureInfo.InvariantCulture, out var sid)
                    ? query.Where(a => a.ServerId == sid)
                    : query.Where(a => a.ServerId == null);
            }
            var page = await list.PageAsync(list.Order(query, a => a.Id), ct);
            if (!includes.Has("server"))
            {
                return Results.Json(new AllocationTransformer().Paginated(page, PageLinks.Of(request, options), includes));
            }
            // The servers using this page's allocations, read once (the admin node page shows who holds each port).
            var ids = page.Items.Where(a => a.ServerId is not null).Select(a => a.ServerId!.Value).Distinct().ToList();
            var servers = await db.Servers.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
            var relations = await Servers.ServerRelations.LoadAsync(db, servers, Includes.None, ct);
            return Results.Json(new AllocationTransformer(servers.ToDictionary(s => s.Id), relations).Paginated(page, PageLinks.Of(request, options), includes));
        });
        group.MapPost("/", async (int node, HttpRequest request, PanelDb db, AllocationService allocations, CancellationToken ct) =>
        {
            // An unknown node is 404 whatever the body (Laravel binds the route's model before validating).
            await EnsureNodeAsync(db, node, ct);
            var input = await ApiBody.ReadAsync(request, ct);
            var ip = input.String("ip", required: true);
            var ports = input.StringArray("ports", required: true);
            var alias = input.String("alias", max: 191);
            input.ThrowIfInvalid();
            await allocations.CreateAsync(node, ip!, ports!, alias, ct);
            return Results.NoContent();
        });
        group.MapDelete("/{allocation:int}", async (int node, int allocation, AllocationService allocations, CancellationToken ct) =>
        {
            await allocations.DeleteAsync(node, allocation, ct);
            return Results.NoContent();
        });
        return app;
    }

    private static async Task EnsureNodeAsync(PanelDb db, int node, CancellationToken ct)
    {
        if (!await db.Nodes.AnyAsync(n => n.Id == node, ct))
        {
            throw new PanelProblem(404, ApiErrorCodes.ResourceNotFoundText);
        }
    }
}
