using Aerie.Contracts.Permissions;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.Subusers;

/// <summary>Subuser routes: the client API (permission- and granter-checked) and the admin API (neither).</summary>
internal static class SubusersApi
{
    public static IEndpointRouteBuilder MapSubusers(this IEndpointRouteBuilder app)
    {
        var client = app.MapGroup("/api/client/servers/{server}/users").AddEndpointFilter(new AuthFilter(adminOnly: false));
        client.MapGet("/", async (string server, HttpContext http, PanelDb db, SubuserService subs) =>
        {
            var (s, _) = await ResolveAsync(server, http, db, "user.read");
            return Results.Ok(new { data = (await subs.ListAsync(s, http.RequestAborted)).Select(SubuserView.Of) });
        });
        client.MapPost("/", async (string server, SubuserRequest body, HttpContext http, PanelDb db, SubuserService subs) =>
        {
            var (s, perms) = await ResolveAsync(server, http, db, "user.create");
            var sub = await subs.AddAsync(s, body.Email, body.Permissions, perms, http.RequestAborted);
            return Results.Created($"/api/client/servers/{s.Identifier}/users/{sub.User!.Uuid}", SubuserView.Of(sub));
        });
        client.MapPost("/{userUuid:guid}", async (string server, Guid userUuid, SubuserRequest body, HttpContext http, PanelDb db, SubuserService subs) =>
        {
            var (s, perms) = await ResolveAsync(server, http, db, "user.update");
            return Results.Ok(SubuserView.Of(await subs.UpdateAsync(s, userUuid, body.Permissions, perms, http.RequestAborted)));
        });
        client.MapDelete("/{userUuid:guid}", async (string server, Guid userUuid, HttpContext http, PanelDb db, SubuserService subs) =>
        {
            var (s, _) = await ResolveAsync(server, http, db, "user.delete");
            await subs.RemoveAsync(s, userUuid, http.RequestAborted);
            return Results.NoContent();
        });

        var admin = app.MapGroup("/api/application/servers/{uuid:guid}/users").AddEndpointFilter(new AuthFilter(adminOnly: true));
        admin.MapGet("/", async (Guid uuid, ServerService servers, SubuserService subs, CancellationToken ct) =>
            Results.Ok(new { data = (await subs.ListAsync(await servers.FindAsync(uuid, ct), ct)).Select(SubuserView.Of) }));
        admin.MapPost("/", async (Guid uuid, SubuserRequest body, ServerService servers, SubuserService subs, CancellationToken ct) =>
        {
            var sub = await subs.AddAsync(await servers.FindAsync(uuid, ct), body.Email, body.Permissions, null, ct);
            return Results.Created($"/api/application/servers/{uuid}/users/{sub.User!.Uuid}", SubuserView.Of(sub));
        });
        admin.MapPost("/{userUuid:guid}", async (Guid uuid, Guid userUuid, SubuserRequest body, ServerService servers, SubuserService subs, CancellationToken ct) =>
            Results.Ok(SubuserView.Of(await subs.UpdateAsync(await servers.FindAsync(uuid, ct), userUuid, body.Permissions, null, ct))));
        admin.MapDelete("/{userUuid:guid}", async (Guid uuid, Guid userUuid, ServerService servers, SubuserService subs, CancellationToken ct) =>
        {
            await subs.RemoveAsync(await servers.FindAsync(uuid, ct), userUuid, ct);
            return Results.NoContent();
        });
        return app;
    }

    /// <summary>The server if the caller may see it (else 404) and holds <paramref name="needed"/> (else 403).</summary>
    private static async Task<(GameServer Server, IReadOnlyList<string> Permissions)> ResolveAsync(string key, HttpContext http, PanelDb db, string needed)
    {
        var user = Caller.Of(http).User;
        var server = await ServerAccess.FindAsync(db, key, http.RequestAborted);
        var perms = server is null ? null : await ServerAccess.EffectiveAsync(db, user, server, http.RequestAborted);
        if (server is null || perms is null)
        {
            throw new PanelProblem(404, "Server not found");
        }
        return Permission.Grants(perms, needed) ? (server, perms) : throw new PanelProblem(403, "You do not have permission to do that on this server.");
    }
}
