using System.Globalization;
using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Nodes;

/// <summary><c>GET /api/application/nodes/deployable</c> (spec 04 §3.3): Paymenter asks it for nodes with room, with their allocations.</summary>
internal static class DeployableNodesApi
{
    public static IEndpointRouteBuilder MapDeployableNodes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/application/nodes/deployable", async (HttpRequest request, PanelDb db, Deployment deployment, PanelOptions options, CancellationToken ct) =>
        {
            var memory = Amount(request, "memory");
            var disk = Amount(request, "disk");
            var locations = QueryArrays.Values(request.Query, "location_ids")
                .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).ToList();
            var nodes = await deployment.ViableNodesAsync(memory, disk, locations, ct);
            if (nodes.Count == 0)
            {
                throw PanelProblem.Display(Deployment.NoNodeText, "NoViableNodeException");
            }
            var includes = Includes.From(request.Query);
            Dictionary<int, List<Allocation>>? allocations = null;
            if (includes.Has("allocations"))
            {
                var ids = nodes.Select(n => n.Id).ToList();
                allocations = (await db.Allocations.AsNoTracking().Where(a => ids.Contains(a.NodeId)).OrderBy(a => a.Id).ToListAsync(ct))
                    .GroupBy(a => a.NodeId).ToDictionary(g => g.Key, g => g.ToList());
            }
            var transformer = new NodeTransformer(allocations: allocations);
            // Paginated only when a page is asked for (Pterodactyl's quirk, kept).
            if (!request.Query.ContainsKey("page"))
            {
                return Results.Json(transformer.List(nodes, includes));
            }
            var list = ListQuery.Parse(request.Query, new ListRules([], [], 50, 500));
            var page = new Page<PanelNode>([.. nodes.Skip((list.PageNumber - 1) * list.PerPage).Take(list.PerPage)], nodes.Count, list.PerPage, list.PageNumber);
            return Results.Json(transformer.Paginated(page, PageLinks.Of(request, options), includes));
        }).AddEndpointFilter(new AuthFilter(adminOnly: true));
        return app;
    }

    private static long Amount(HttpRequest request, string field)
    {
        var text = request.Query[field].ToString();
        if (text.Length == 0)
        {
            throw PanelProblem.Field(field, "required", $"The {field} field is required.");
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw PanelProblem.Field(field, "integer", $"The {field} field must be an integer.");
    }
}
