using Aerie.Panel.Allocations;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Servers;

/// <summary>Picks where a deployed server goes: a public node with room (overallocation counted), then a free allocation.</summary>
internal sealed class Deployment(PanelDb db)
{
    public const string NoNodeText = "No nodes satisfying the requirements specified for automatic deployment could be found.";
    public const string NoAllocationText = "No allocations satisfying the requirements for automatic deployment were found.";

    /// <summary>Public nodes in <paramref name="locations"/> (empty = all) with room for that much more memory and disk.</summary>
    public async Task<List<PanelNode>> ViableNodesAsync(long memory, long disk, IReadOnlyList<int> locations, CancellationToken ct)
    {
        var query = db.Nodes.AsNoTracking().Where(n => n.Public);
        if (locations.Count > 0)
        {
            query = query.Where(n => n.LocationId != null && locations.Contains(n.LocationId.Value));
        }
        var nodes = await query.OrderBy(n => n.Id).ToListAsync(ct);
        var ids = nodes.Select(n => n.Id).ToList();
        var used = (await db.Servers.AsNoTracking().Where(s => s.NodeId != null && ids.Contains(s.NodeId.Value))
            .GroupBy(s => s.NodeId!.Value).Select(g => new { Node = g.Key, Memory = g.Sum(s => s.MemoryMb), Disk = g.Sum(s => s.DiskMb) }).ToListAsync(ct))
            .ToDictionary(u => u.Node);
        return [.. nodes.Where(n =>
        {
            var u = used.GetValueOrDefault(n.Id);
            return Fits(n.MemoryMb, n.MemoryOverallocate, (u?.Memory ?? 0) + memory) && Fits(n.DiskMb, n.DiskOverallocate, (u?.Disk ?? 0) + disk);
        })];
    }

    /// <summary>A random free allocation on one of the nodes, in the port ranges, on an unused IP when dedicated.</summary>
    public async Task<Allocation> PickAllocationAsync(IReadOnlyList<PanelNode> nodes, ServerDeploy deploy, IReadOnlyCollection<int> exclude, CancellationToken ct)
    {
        var ranges = PortMappings.Ranges(deploy.PortRange);
        var ids = nodes.Select(n => n.Id).ToList();
        var free = await db.Allocations.AsNoTracking().Where(a => ids.Contains(a.NodeId) && a.ServerId == null && !exclude.Contains(a.Id)).ToListAsync(ct);
        var candidates = free.Where(a => PortMappings.Contains(ranges, a.Port)).ToList();
        if (deploy.DedicatedIp)
        {
            var taken = (await db.Allocations.AsNoTracking().Where(a => ids.Contains(a.NodeId) && a.ServerId != null).Select(a => new { a.NodeId, a.Ip }).ToListAsync(ct))
                .Select(a => (a.NodeId, a.Ip)).ToHashSet();
            candidates = [.. candidates.Where(a => !taken.Contains((a.NodeId, a.Ip)))];
        }
        return candidates.Count == 0
            ? throw PanelProblem.Display(NoAllocationText, "NoViableAllocationException")
            : candidates[Random.Shared.Next(candidates.Count)];
    }

    /// <summary>Overallocation -1 means no limit; a node limit of 0 means unlimited (Pterodactyl's meaning for server limits, kept for nodes).</summary>
    private static bool Fits(long limit, int overallocate, long wanted) =>
        overallocate < 0 || limit == 0 || wanted <= limit * (100 + overallocate) / 100;
}
