using Aerie.Panel.Api;
using Aerie.Panel.ApiKeys;
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
            var query = await DeployableQuery.ReadAsync(request, ct);
            var nodes = await deployment.ViableNodesAsync(query.Memory, query.Disk, query.Locations, ct);
            if (nodes.Count == 0)
            {
                throw PanelProblem.Display(Deployment.NoNodeText, "NoViableNodeException");
            }
            var includes = Includes.From(request.Query);
            var transformer = await NodeIncludes.TransformerAsync(db, [.. nodes.Select(n => n.Id)], includes, ct);
            // Paginated only when a page is asked for (Pterodactyl's quirk, kept).
            if (!request.Query.ContainsKey("page"))
            {
                return Results.Json(transformer.List(nodes, includes));
            }
            var list = ListQuery.Parse(request.Query, new ListRules([], [], 50, 500));
            var page = new Page<PanelNode>([.. nodes.Skip((list.PageNumber - 1) * list.PerPage).Take(list.PerPage)], nodes.Count, list.PerPage, list.PageNumber);
            return Results.Json(transformer.Paginated(page, PageLinks.Of(request, options), includes));
        }).AddEndpointFilter(new AuthFilter(adminOnly: true)).AddEndpointFilter(new ApplicationResourceFilter(ApplicationResource.Nodes));
        return app;
    }
}
