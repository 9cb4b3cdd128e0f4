using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Nodes;

/// <summary>Loads what a page of nodes shows beyond its rows: <c>allocated_resources</c> always, the includes when asked for.</summary>
internal static class NodeIncludes
{
    public static async Task<NodeTransformer> TransformerAsync(PanelDb db, List<int> ids, Includes includes, CancellationToken ct)
    {
        // Sums over the node's servers, as Pterodactyl's allocated_resources.
        var used = (await db.Servers.AsNoTracking().Where(s => s.NodeId != null && ids.Contains(s.NodeId.Value))
                .GroupBy(s => s.NodeId!.Value).Select(g => new { Node = g.Key, Memory = g.Sum(s => s.MemoryMb), Disk = g.Sum(s => s.DiskMb) }).ToListAsync(ct))
            .ToDictionary(u => u.Node, u => (u.Memory, u.Disk));
        Dictionary<int, List<Allocation>>? allocations = null;
        if (includes.Has("allocations"))
        {
            allocations = (await db.Allocations.AsNoTracking().Where(a => ids.Contains(a.NodeId)).OrderBy(a => a.Id).ToListAsync(ct))
                .GroupBy(a => a.NodeId).ToDictionary(g => g.Key, g => g.ToList());
        }
        Dictionary<int, Location>? locations = null;
        if (includes.Has("location"))
        {
            var locationIds = await db.Nodes.AsNoTracking().Where(n => ids.Contains(n.Id) && n.LocationId != null).Select(n => n.LocationId!.Value).Distinct().ToListAsync(ct);
            locations = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        }
        return new NodeTransformer(used, allocations, locations);
    }
}
