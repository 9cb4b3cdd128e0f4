using Aerie.Panel.Allocations;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.NodeCalls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.ClientServers;

/// <summary><c>…/network/allocations</c> (spec 04 §2.5): a user lists, adds, annotates, promotes and drops the server's
/// allocations. Every change that moves a port tells the node to re-sync, so its next start publishes/checks them.</summary>
internal static class NetworkApi
{
    public const string Read = "allocation.read";
    public const string Create = "allocation.create";
    public const string Update = "allocation.update";
    public const string Delete = "allocation.delete";

    public const string CreateEvent = "server:allocation.create";
    public const string NotesEvent = "server:allocation.notes";
    public const string PrimaryEvent = "server:allocation.primary";
    public const string DeleteEvent = "server:allocation.delete";

    public const string NotEnabledText = "Server auto-allocation is not enabled for this instance.";
    public const string LimitText = "Cannot assign additional allocations to this server: limit has been reached.";
    public const string NoLimitText = "You cannot delete allocations for this server: no allocation limit is set.";
    public const string PrimaryText = "You cannot delete the primary allocation for this server.";
    public const string NoSpaceText = "Cannot assign additional allocation: no more space available on node.";

    public static RouteGroupBuilder MapNetwork(this RouteGroupBuilder group)
    {
        group.MapGet("/servers/{server}/network/allocations", async (string server, HttpContext http, PanelDb db) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, Read);
            var list = await db.Allocations.AsNoTracking().Where(a => a.ServerId == scope.Server.Id).OrderBy(a => a.Id).ToListAsync(http.RequestAborted);
            return Results.Json(new ClientAllocationTransformer(scope.Server.AllocationId).List(list));
        });
        group.MapPost("/servers/{server}/network/allocations", async (string server, HttpContext http, PanelDb db, NodeCallOutbox outbox, PanelOptions options) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, Create);
            var allocation = await AutoAllocation.AssignAsync(db, scope.Server, options.AutoAllocationPorts, http.RequestAborted);
            await SyncAsync(db, outbox, scope.Server, http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, CreateEvent, Properties(allocation));
            return Results.Json(new ClientAllocationTransformer(scope.Server.AllocationId).Item(allocation));
        });
        group.MapPost("/servers/{server}/network/allocations/{allocation}", async (string server, string allocation, HttpContext http, PanelDb db) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, Update);
            var row = await FindAsync(db, scope, allocation, http.RequestAborted);
            var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
            if (!input.IsPresent("notes"))
            {
                input.Fail("notes", "present", "The notes field must be present.");
            }
            var notes = input.String("notes", max: 256);
            input.ThrowIfInvalid();
            var old = row.Notes;
            row.Notes = string.IsNullOrEmpty(notes) ? null : notes;
            await db.SaveChangesAsync(http.RequestAborted);
            if (old != row.Notes)
            {
                var properties = Properties(row);
                properties["old"] = old;
                properties["new"] = row.Notes;
                await ServerActivity.RecordAsync(http, scope, NotesEvent, properties);
            }
            return Results.Json(new ClientAllocationTransformer(scope.Server.AllocationId).Item(row));
        });
        group.MapPost("/servers/{server}/network/allocations/{allocation}/primary", async (string server, string allocation, HttpContext http, PanelDb db, NodeCallOutbox outbox) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, Update);
            var row = await FindAsync(db, scope, allocation, http.RequestAborted);
            var s = await db.Servers.FirstAsync(x => x.Id == scope.Server.Id, http.RequestAborted);
            if (s.AllocationId != row.Id)
            {
                s.AllocationId = row.Id;
                await SyncAsync(db, outbox, s, http.RequestAborted);
                await ServerActivity.RecordAsync(http, scope, PrimaryEvent, Properties(row));
            }
            return Results.Json(new ClientAllocationTransformer(row.Id).Item(row));
        });
        group.MapDelete("/servers/{server}/network/allocations/{allocation}", async (string server, string allocation, HttpContext http, PanelDb db, NodeCallOutbox outbox) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, Delete);
            var row = await FindAsync(db, scope, allocation, http.RequestAborted);
            if (scope.Server.AllocationLimit is null or 0)
            {
                throw PanelProblem.Display(NoLimitText);
            }
            if (row.Id == scope.Server.AllocationId)
            {
                throw PanelProblem.Display(PrimaryText);
            }
            // Back to the node's pool, without this user's notes.
            row.ServerId = null;
            row.Notes = null;
            await SyncAsync(db, outbox, scope.Server, http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, DeleteEvent, Properties(row));
            return Results.NoContent();
        });
        return group;
    }

    /// <summary>The server's own allocation, else spec 04 §1's nested-id 404 (another server's id reveals nothing).</summary>
    private static async Task<Allocation> FindAsync(PanelDb db, ServerScope scope, string key, CancellationToken ct)
    {
        var id = int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
        return await db.Allocations.FirstOrDefaultAsync(a => a.Id == id && a.ServerId == scope.Server.Id, ct)
            ?? throw new PanelProblem(404, ClientServerAccess.NotForThisServerText);
    }

    private static async Task SyncAsync(PanelDb db, NodeCallOutbox outbox, GameServer server, CancellationToken ct)
    {
        outbox.Sync(server);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
    }

    private static Dictionary<string, string?> Properties(Allocation a) => new()
    {
        ["allocation"] = a.Ip + ":" + a.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
