using Aerie.Contracts.Permissions;
using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Activity;

/// <summary><c>GET /api/client/servers/{server}/activity</c>: the newest 100 entries (needs <c>activity.read</c>).</summary>
internal static class ActivityApi
{
    public static IEndpointRouteBuilder MapActivity(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/client/servers/{server}/activity", async (string server, HttpContext http, PanelDb db) =>
        {
            var user = Caller.Of(http).User;
            var found = await ServerAccess.FindAsync(db, server, http.RequestAborted);
            var perms = found is null ? null : await ServerAccess.EffectiveAsync(db, user, found, http.RequestAborted);
            if (found is null || perms is null)
            {
                return ApiErrors.Result(404, "Server not found");
            }
            if (!Permission.Grants(perms, "activity.read"))
            {
                return ApiErrors.Result(403, "You do not have permission to do that on this server.");
            }
            var rows = await db.Activity.AsNoTracking().Where(a => a.ServerUuid == found.Uuid).OrderByDescending(a => a.Id).Take(100).ToListAsync(http.RequestAborted);
            return Results.Ok(new { data = rows.Select(ActivityView.Of) });
        }).AddEndpointFilter(new AuthFilter(adminOnly: false));
        return app;
    }
}
