using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Servers;

/// <summary>Administration routes for servers.</summary>
internal static class ServersApi
{
    public static IEndpointRouteBuilder MapServers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/application/servers").AddEndpointFilter(new AuthFilter(adminOnly: true));
        group.MapGet("/", async (PanelDb db, CancellationToken ct) =>
            Results.Ok(new { data = (await db.Servers.AsNoTracking().Include(s => s.Owner).OrderBy(s => s.Name).ToListAsync(ct)).Select(AdminServerView.Of) }));
        group.MapPost("/", async (ServerRequest body, ServerService servers, CancellationToken ct) =>
        {
            var server = await servers.CreateAsync(body, ct);
            return Results.Created($"/api/application/servers/{server.Uuid}", AdminServerView.Of(server));
        });
        group.MapGet("/{uuid:guid}", async (Guid uuid, ServerService servers, CancellationToken ct) => Results.Ok(AdminServerView.Of(await servers.FindAsync(uuid, ct))));
        group.MapPatch("/{uuid:guid}", async (Guid uuid, ServerRequest body, ServerService servers, CancellationToken ct) =>
            Results.Ok(AdminServerView.Of(await servers.UpdateAsync(uuid, body, ct))));
        group.MapDelete("/{uuid:guid}", async (Guid uuid, ServerService servers, CancellationToken ct) =>
        {
            await servers.DeleteAsync(uuid, ct);
            return Results.NoContent();
        });
        group.MapPost("/{uuid:guid}/suspend", async (Guid uuid, ServerService servers, CancellationToken ct) =>
        {
            await servers.SetSuspendedAsync(uuid, true, ct);
            return Results.NoContent();
        });
        group.MapPost("/{uuid:guid}/unsuspend", async (Guid uuid, ServerService servers, CancellationToken ct) =>
        {
            await servers.SetSuspendedAsync(uuid, false, ct);
            return Results.NoContent();
        });
        return app;
    }
}
