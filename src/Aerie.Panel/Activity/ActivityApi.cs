using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Aerie.Panel.ClientServers;
using Aerie.Panel.Data;
using Aerie.Panel.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Activity;

/// <summary>
/// The two activity lists of spec 04 (§2.2, §2.3): the caller's account events, and a server's log (needs
/// <c>activity.read</c>). Paginated 25 per page (at most 100), newest first; <c>filter[event]</c> is a substring
/// match, <c>sort=timestamp|-timestamp</c>, <c>include=actor</c>.
/// </summary>
internal static class ActivityApi
{
    private static readonly ListRules Rules = new(["event"], ["timestamp"], 25, 100);

    public static IEndpointRouteBuilder MapActivity(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/client/account/activity", (HttpContext http, PanelDb db, PanelOptions options) =>
        {
            var user = Caller.Of(http).User;
            // Account events only: what the user did on a server is in that server's log.
            return ListAsync(http, db, options, db.Activity.AsNoTracking().Where(a => a.UserUuid == user.Uuid && a.ServerUuid == null));
        }).AddEndpointFilter(new AuthFilter(adminOnly: false));
        app.MapGet("/api/client/servers/{server}/activity", async (string server, HttpContext http, PanelDb db, PanelOptions options) =>
        {
            var s = (await ClientServerAccess.RequireAsync(http, db, server, "activity.read")).Server;
            return await ListAsync(http, db, options, db.Activity.AsNoTracking().Where(a => a.ServerUuid == s.Uuid));
        }).AddEndpointFilter(new AuthFilter(adminOnly: false));
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, PanelDb db, PanelOptions options, IQueryable<ActivityRecord> rows)
    {
        var ct = http.RequestAborted;
        var list = ListQuery.Parse(http.Request.Query, Rules);
        rows = rows.WhereContainsAny(a => a.Event, list.Filter("event"));
        // Newest first unless asked otherwise; the id breaks ties between entries of one instant.
        var ordered = list.Sort is null || list.Descending
            ? rows.OrderByDescending(a => a.Timestamp).ThenByDescending(a => a.Id)
            : rows.OrderBy(a => a.Timestamp).ThenBy(a => a.Id);
        var page = await list.PageAsync(ordered, ct);
        var includes = Includes.From(http.Request.Query);
        Dictionary<Guid, PanelUser>? actors = null;
        if (includes.Has("actor"))
        {
            var uuids = page.Items.Where(a => a.UserUuid is not null).Select(a => a.UserUuid!.Value).Distinct().ToList();
            actors = await db.Users.AsNoTracking().Where(u => uuids.Contains(u.Uuid)).ToDictionaryAsync(u => u.Uuid, ct);
        }
        var transformer = new ActivityTransformer(Caller.Of(http).User, actors);
        return Results.Json(transformer.Paginated(page, PageLinks.Of(http.Request, options), includes));
    }
}
