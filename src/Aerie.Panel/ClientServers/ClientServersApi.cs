using System.Globalization;
using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.ClientServers;

/// <summary><c>GET /api/client</c> and <c>GET /api/client/servers/{server}</c> (spec 04 §2.3).</summary>
internal static class ClientServersApi
{
    private static readonly ListRules Rules = new(["uuid", "name", "description", "external_id", "*"], [], 50, 100);

    public static IEndpointRouteBuilder MapClientServers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/client").AddEndpointFilter(new AuthFilter(adminOnly: false));
        group.MapGet("/", ListAsync);
        group.MapGet("/servers/{server}", async (string server, HttpContext http, PanelDb db) =>
        {
            var scope = await ClientServerAccess.ResolveAsync(http, db, server);
            var includes = Includes.From(http.Request.Query);
            var row = await Rows(db).FirstAsync(s => s.Id == scope.Server.Id, http.RequestAborted);
            var transformer = new ClientServerTransformer(await ClientServerData.LoadAsync(db, scope.User, [row], includes, http.RequestAborted));
            return Results.Json(Fractal.WithMeta(transformer.Item(row, includes), transformer.Meta(row)));
        });
        group.MapServerControl();
        group.MapServerSettings();
        group.MapStartup();
        group.MapNetwork();
        group.MapBackups();
        group.MapBackupRetention();
        group.MapServerFiles();
        group.MapSchedules();
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, PanelDb db, PanelOptions options)
    {
        var user = Caller.Of(http).User;
        var ct = http.RequestAborted;
        var list = ListQuery.Parse(http.Request.Query, Rules);
        var includes = Includes.From(http.Request.Query);
        var query = Visible(db, user, http.Request.Query["type"].ToString());
        query = query
            .WhereContainsAny(s => s.Name, list.Filter("name"))
            .WhereContainsAny(s => s.Description, list.Filter("description"))
            .WhereContainsAny(s => s.ExternalId, list.Filter("external_id"));
        if (list.Filter("uuid") is { } uuids)
        {
            query = WhereUuidContains(query, uuids);
        }
        if (list.Filter("*") is { } any)
        {
            query = WhereAnyField(db, query, any);
        }
        var page = await list.PageAsync(query.OrderBy(s => s.Id), ct);
        var transformer = new ClientServerTransformer(await ClientServerData.LoadAsync(db, user, page.Items, includes, ct));
        return Results.Json(transformer.Paginated(page, PageLinks.Of(http.Request, options), includes));
    }

    /// <summary>Server rows with what the client object reads: the node and the egg.</summary>
    private static IQueryable<GameServer> Rows(PanelDb db) => db.Servers.AsNoTracking().Include(s => s.Node).Include(s => s.Egg);

    /// <summary>
    /// Pterodactyl's <c>?type=</c>: absent, the servers the caller owns or is a subuser of; <c>owner</c>, owned only;
    /// <c>admin</c> (administrators), those the caller has no own access to; <c>admin-all</c>, all of them. The admin
    /// types give a non-administrator an empty list, not a 403.
    /// </summary>
    private static IQueryable<GameServer> Visible(PanelDb db, PanelUser user, string type)
    {
        var rows = Rows(db);
        var subuserOf = db.Subusers.Where(s => s.UserId == user.Id).Select(s => s.ServerUuid);
        return type switch
        {
            "owner" => rows.Where(s => s.OwnerId == user.Id),
            "admin" when user.Admin => rows.Where(s => s.OwnerId != user.Id && !subuserOf.Contains(s.Uuid)),
            "admin-all" when user.Admin => rows,
            "admin" or "admin-all" => rows.Where(s => false),
            _ => rows.Where(s => s.OwnerId == user.Id || subuserOf.Contains(s.Uuid)),
        };
    }

    /// <summary>
    /// The <c>*</c> filter, one value against several fields: an IPv4 address, <c>ip:port</c> or <c>:port</c> matches
    /// the server's allocations; anything else a UUID prefix, the identifier, the external id or a name substring.
    /// </summary>
    private static IQueryable<GameServer> WhereAnyField(PanelDb db, IQueryable<GameServer> query, IReadOnlyList<string> values)
    {
        // One value (spec 04 §2.3); a comma would make it a list, of which the first is used.
        var value = values[0];
        if (AllocationFilter.TryParse(value, out var ip, out var port))
        {
            var holders = db.Allocations.Where(a => a.ServerId != null && (ip == null || a.Ip == ip) && (port == null || a.Port == port)).Select(a => a.ServerId!.Value);
            return query.Where(s => holders.Contains(s.Id));
        }
        var lower = value.ToLowerInvariant();
        return query.Where(s => s.Uuid.ToString().ToLower().StartsWith(lower) || s.Identifier == lower || s.ExternalId == value || s.Name.ToLower().Contains(lower));
    }

    // Lower-cased text: SQLite keeps the UUID as upper-case text, PostgreSQL as a native uuid; both translate this.
    private static IQueryable<GameServer> WhereUuidContains(IQueryable<GameServer> query, IReadOnlyList<string> values)
    {
        var wanted = values.Select(v => v.ToLowerInvariant()).ToList();
        return wanted.Count == 1
            ? query.Where(s => s.Uuid.ToString().ToLower().Contains(wanted[0]))
            : query.Where(s => wanted.Any(v => s.Uuid.ToString().ToLower().Contains(v)));
    }

    private static class AllocationFilter
    {
        /// <summary>True for <c>a.b.c.d</c>, <c>a.b.c.d:port</c> or <c>:port</c>.</summary>
        public static bool TryParse(string value, out string? ip, out int? port)
        {
            ip = null;
            port = null;
            var colon = value.LastIndexOf(':');
            var ipPart = colon < 0 ? value : value[..colon];
            var portPart = colon < 0 ? null : value[(colon + 1)..];
            if (portPart is not null)
            {
                if (!int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
                {
                    return false;
                }
                port = p;
            }
            if (ipPart.Length == 0)
            {
                return port is not null;
            }
            var octets = ipPart.Split('.');
            if (octets.Length != 4 || octets.Any(o => !byte.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                return false;
            }
            ip = ipPart;
            return true;
        }
    }
}
