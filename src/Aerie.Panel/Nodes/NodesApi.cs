using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Nodes;

internal static class NodesApi
{
    public static IEndpointRouteBuilder MapNodes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/application/nodes").AddEndpointFilter(new AuthFilter(adminOnly: true))
            .AddEndpointFilter(new ApplicationResourceFilter(ApplicationResource.Nodes));
        group.MapGet("/", async (PanelDb db, CancellationToken ct) =>
            Results.Ok(new { data = (await db.Nodes.AsNoTracking().OrderBy(n => n.Id).ToListAsync(ct)).Select(NodeView.Of) }));
        group.MapPost("/", async (NodeRequest body, NodeService nodes, CancellationToken ct) =>
        {
            var node = await nodes.CreateAsync(body, ct);
            return Results.Created($"/api/application/nodes/{node.Id}", NodeView.Of(node));
        });
        group.MapGet("/{id:int}", async (int id, NodeService nodes, CancellationToken ct) => Results.Ok(NodeView.Of(await nodes.FindAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct))));
        group.MapPatch("/{id:int}", async (int id, NodeRequest body, NodeService nodes, CancellationToken ct) => Results.Ok(NodeView.Of(await nodes.UpdateAsync(id, body, ct))));
        group.MapDelete("/{id:int}", async (int id, NodeService nodes, CancellationToken ct) =>
        {
            await nodes.DeleteAsync(id, ct);
            return Results.NoContent();
        });
        group.MapGet("/{id:int}/configuration", async (int id, NodeService nodes, NodeSecrets secrets, PanelOptions options, CancellationToken ct) =>
        {
            var node = await nodes.FindAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            var secret = secrets.TryUnprotect(node.TokenSecretProtected) ?? throw new PanelProblem(500, "The node secret cannot be decrypted (Data Protection keys lost?).");
            return Results.Text(NodeConfigYaml.Render(node, secret, options.PublicUrl), "text/yaml");
        });
        return app;
    }
}
