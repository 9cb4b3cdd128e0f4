using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Servers;

/// <summary>
/// What a page of <c>server</c> objects needs beside the rows: always each node and its location (for
/// <c>P_SERVER_LOCATION</c>), its allocations (for <c>P_SERVER_ALLOCATIONS</c>) and each egg (for the <c>nest</c> id), and per include only what was asked for,
/// read in one query per relation.
/// </summary>
internal sealed class ServerRelations
{
    public Dictionary<int, PanelNode> Nodes { get; } = [];

    public Dictionary<int, Location> Locations { get; } = [];

    public Dictionary<int, List<Allocation>> Allocations { get; private set; } = [];

    public Dictionary<int, PanelUser>? Users { get; private set; }

    public Dictionary<Guid, List<Subuser>>? Subusers { get; private set; }

    public Dictionary<int, Egg> Eggs { get; private set; } = [];

    public Dictionary<int, Nest>? Nests { get; private set; }

    /// <summary>Egg id → its variables; with <see cref="Values"/> the <c>variables</c> include.</summary>
    public Dictionary<int, List<EggVariable>>? Variables { get; private set; }

    /// <summary>Server id → variable id → stored value.</summary>
    public Dictionary<int, Dictionary<int, string>>? Values { get; private set; }

    public static async Task<ServerRelations> LoadAsync(PanelDb db, IReadOnlyList<GameServer> servers, Includes includes, CancellationToken ct)
    {
        var r = new ServerRelations();
        var ids = servers.Select(s => s.Id).ToList();
        var nodeIds = servers.Where(s => s.NodeId is not null).Select(s => s.NodeId!.Value).Distinct().ToList();
        foreach (var n in await db.Nodes.AsNoTracking().Where(n => nodeIds.Contains(n.Id)).ToListAsync(ct))
        {
            r.Nodes[n.Id] = n;
        }
        var locationIds = r.Nodes.Values.Where(n => n.LocationId is not null).Select(n => n.LocationId!.Value).Distinct().ToList();
        foreach (var l in await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToListAsync(ct))
        {
            r.Locations[l.Id] = l;
        }
        // Always: P_SERVER_ALLOCATIONS in container.environment lists them.
        r.Allocations = await ServerAllocations.LoadAsync(db, ids, ct);
        if (includes.Has("user"))
        {
            var owners = servers.Select(s => s.OwnerId).Distinct().ToList();
            r.Users = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        }
        if (includes.Has("subusers"))
        {
            var uuids = servers.Select(s => s.Uuid).ToList();
            r.Subusers = (await db.Subusers.AsNoTracking().Where(s => uuids.Contains(s.ServerUuid)).OrderBy(s => s.Id).ToListAsync(ct))
                .GroupBy(s => s.ServerUuid).ToDictionary(g => g.Key, g => g.ToList());
        }
        var eggIds = servers.Where(s => s.EggId is not null).Select(s => s.EggId!.Value).Distinct().ToList();
        // Always: the nest id is an attribute.
        r.Eggs = await db.Eggs.AsNoTracking().Where(e => eggIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        if (includes.Has("nest"))
        {
            var nestIds = r.Eggs.Values.Select(e => e.NestId).Distinct().ToList();
            r.Nests = await db.Nests.AsNoTracking().Where(n => nestIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
        }
        if (includes.Has("variables"))
        {
            r.Variables = (await db.EggVariables.AsNoTracking().Where(v => eggIds.Contains(v.EggId)).OrderBy(v => v.Id).ToListAsync(ct))
                .GroupBy(v => v.EggId).ToDictionary(g => g.Key, g => g.ToList());
            r.Values = (await db.ServerVariables.AsNoTracking().Where(v => ids.Contains(v.ServerId)).ToListAsync(ct))
                .GroupBy(v => v.ServerId).ToDictionary(g => g.Key, g => g.ToDictionary(v => v.VariableId, v => v.Value));
        }
        return r;
    }

    public Location? LocationOf(GameServer s) =>
        s.NodeId is { } n && Nodes.TryGetValue(n, out var node) && node.LocationId is { } l ? Locations.GetValueOrDefault(l) : null;
}
