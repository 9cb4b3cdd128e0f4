using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Servers;

/// <summary>The caller's servers: owned, subuser of, or (admin) all.</summary>
internal static class ClientServersApi
{
    public static IEndpointRouteBuilder MapClientServers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/client").AddEndpointFilter(new AuthFilter(adminOnly: false));
        group.MapGet("/", ListAsync);
        group.MapGet("/servers/{server}", async (string server, HttpContext http, PanelDb db) =>
        {
            var user = Caller.Of(http).User;
            var found = await ServerAccess.FindAsync(db, server, http.RequestAborted);
            var perms = found is null ? null : await ServerAccess.EffectiveAsync(db, user, found, http.RequestAborted);
            return found is null || perms is null ? ApiErrors.Result(404, "Server not found") : Results.Ok(ServerView.Of(found, user, perms));
        });
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, PanelDb db)
    {
        var user = Caller.Of(http).User;
        var ct = http.RequestAborted;
        var query = db.Servers.AsNoTracking().Include(s => s.Node).AsQueryable();
        if (!user.Admin)
        {
            var subOf = db.Subusers.Where(s => s.UserId == user.Id).Select(s => s.ServerUuid);
            query = query.Where(s => s.OwnerId == user.Id || subOf.Contains(s.Uuid));
        }
        var servers = await query.OrderBy(s => s.Name).Take(1000).ToListAsync(ct);
        var views = new List<ServerView>(servers.Count);
        foreach (var s in servers)
        {
            views.Add(ServerView.Of(s, user, await ServerAccess.EffectiveAsync(db, user, s, ct) ?? []));
        }
        return Results.Ok(new { data = views });
    }
}
