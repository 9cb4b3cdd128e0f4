using System.Data.Common;
using System.Text;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.RemoteApi;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.Remote;

/// <summary>The node → panel API of spec 03. Every route is scoped to the calling node's own servers.</summary>
internal static class RemoteApi
{
    public static IEndpointRouteBuilder MapRemote(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/remote").AddEndpointFilter(new RemoteNodeFilter());
        group.MapGet("/servers", ListAsync);
        group.MapGet("/servers/{uuid}", async (string uuid, HttpContext http, PanelDb db) =>
            await OwnServerAsync(db, http, uuid) is { } s ? Results.Ok(await ConfigurationAsync(db, s, http.RequestAborted)) : NotFound());
        group.MapRemoteInstall();
        group.MapRemoteSftp();
        group.MapPost("/activity", RecordActivityAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, PanelDb db, int? page, int? per_page)
    {
        var node = RemoteNodeFilter.Of(http);
        var perPage = Math.Clamp(per_page ?? 50, 1, 500);
        var current = Math.Max(page ?? 1, 1);
        var query = db.Servers.AsNoTracking().Where(s => s.NodeId == node.Id);
        var total = await query.CountAsync(http.RequestAborted);
        var servers = await query.OrderBy(s => s.Uuid).Skip((current - 1) * perPage).Take(perPage).ToListAsync(http.RequestAborted);
        var templates = await ServerTemplates.LoadAsync(db, servers, http.RequestAborted);
        var allocations = await ServerAllocations.LoadAsync(db, [.. servers.Select(s => s.Id)], http.RequestAborted);
        var data = servers.Select(s =>
        {
            var c = ServerConfigurations.Of(s, allocations.GetValueOrDefault(s.Id) ?? [], templates.GetValueOrDefault(s.Id));
            return new RemoteServerEntry(s.Uuid.ToString(), c.Settings, c.ProcessConfiguration);
        }).ToList();
        var last = Math.Max(1, (total + perPage - 1) / perPage);
        return Results.Ok(new RemoteServerPage(data, new PageMeta(current, last, perPage, total)));
    }

    /// <summary>Stores a node's audit batch entry by entry: an entry for another node's server or one over
    /// <see cref="ActivityLimits.MaxEntryBytes"/> is refused on its own (200 with <c>rejected</c>) and the rest is
    /// stored; 204 when all were. A database failure stores nothing and answers 503, so the node sends it again.</summary>
    private static async Task<IResult> RecordActivityAsync(ActivityBatch body, HttpContext http, PanelDb db, ILoggerFactory logs)
    {
        var node = RemoteNodeFilter.Of(http);
        if (body.Data is null || body.Data.Count > ActivityLimits.MaxBatchEntries)
        {
            return ApiErrors.Result(422, $"data must be a list of at most {ActivityLimits.MaxBatchEntries} entries.");
        }
        var uuids = body.Data.Select(e => Guid.TryParse(e?.Server, out var g) ? g : Guid.Empty).Distinct().ToList();
        var own = await db.Servers.AsNoTracking().Where(s => s.NodeId == node.Id && uuids.Contains(s.Uuid)).Select(s => s.Uuid).ToListAsync(http.RequestAborted);
        var rejected = new List<ActivityRejection>();
        for (var i = 0; i < body.Data.Count; i++)
        {
            var entry = body.Data[i];
            if (entry is null || !Guid.TryParse(entry.Server, out var server) || !own.Contains(server))
            {
                // A node may only write into its own servers' logs.
                rejected.Add(new ActivityRejection(i, "server not found"));
                continue;
            }
            var metadata = Json.Write(entry.Metadata ?? new Dictionary<string, string>());
            if (Encoding.UTF8.GetByteCount(metadata) > ActivityLimits.MaxEntryBytes)
            {
                // Never cut JSON: a cut document would not parse when the log is read.
                rejected.Add(new ActivityRejection(i, "entry too large"));
                continue;
            }
            db.Activity.Add(new ActivityRecord
            {
                ServerUuid = server,
                UserUuid = Guid.TryParse(entry.User, out var u) ? u : null,
                Event = Clip(entry.Event, 191),
                Ip = entry.Ip is null ? null : Clip(entry.Ip, 64),
                MetadataJson = metadata,
                Timestamp = entry.Timestamp.ToUniversalTime(),
            });
        }
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or TimeoutException)
        {
            logs.CreateLogger(typeof(RemoteApi)).LogWarning(e, "Storing {Count} activity entries of node {Node} failed; the node will send them again", body.Data.Count, node.Id);
            return ApiErrors.Result(503, "The activity could not be stored; send it again later.");
        }
        return rejected.Count == 0 ? Results.NoContent() : Results.Ok(new ActivityBatchResult(rejected));
    }

    private static async Task<ServerConfiguration> ConfigurationAsync(PanelDb db, GameServer s, CancellationToken ct) =>
        ServerConfigurations.Of(s, (await ServerAllocations.LoadAsync(db, [s.Id], ct)).GetValueOrDefault(s.Id) ?? [],
            (await ServerTemplates.LoadAsync(db, [s], ct)).GetValueOrDefault(s.Id));

    /// <summary>The server when it exists AND belongs to the calling node; another node's server is reported as missing.</summary>
    internal static async Task<GameServer?> OwnServerAsync(PanelDb db, HttpContext http, string uuid)
    {
        var node = RemoteNodeFilter.Of(http);
        return Guid.TryParse(uuid, out var id)
            ? await db.Servers.FirstOrDefaultAsync(s => s.Uuid == id && s.NodeId == node.Id, http.RequestAborted)
            : null;
    }

    internal static IResult NotFound() => Results.Json(new NodeError(NodeApiErrors.NotFound), statusCode: 404);

    private static string Clip(string? s, int max) => s is null ? "" : s.Length > max ? s[..max] : s;
}
