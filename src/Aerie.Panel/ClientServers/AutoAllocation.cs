using Aerie.Panel.Allocations;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.ClientServers;

/// <summary>
/// A user's "add allocation" (spec 04 §2.5, Pterodactyl's semantics): a free allocation of the server's node on the
/// primary's IP with a port in the configured range, else a new one made there on a port no allocation of that IP
/// uses. The limit counts every allocation the server holds, the primary included, and an unset limit allows none.
/// </summary>
internal static class AutoAllocation
{
    private const int Attempts = 5;

    /// <exception cref="PanelProblem">400 when auto-allocation is off, the limit is reached, or the range is full</exception>
    public static async Task<Allocation> AssignAsync(PanelDb db, GameServer server, PortRange? range, CancellationToken ct)
    {
        if (range is null)
        {
            throw PanelProblem.Display(NetworkApi.NotEnabledText, "AutoAllocationNotEnabledException");
        }
        var limit = server.AllocationLimit ?? 0;
        if (await db.Allocations.CountAsync(a => a.ServerId == server.Id, ct) >= limit)
        {
            throw PanelProblem.Display(NetworkApi.LimitText);
        }
        var primary = await db.Allocations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == server.AllocationId, ct);
        if (primary is null || server.NodeId is not { } nodeId)
        {
            throw PanelProblem.Display(NetworkApi.NoSpaceText, "NoAutoAllocationSpaceAvailableException");
        }
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var allocation = await ClaimFreeAsync(db, nodeId, primary.Ip, range, server.Id, ct) ?? await CreateAsync(db, nodeId, primary, range, server.Id, ct);
            if (allocation is null)
            {
                continue; // another request took it between our read and write
            }
            // Two concurrent adds may both pass the count above; the later one gives its port back.
            if (await db.Allocations.CountAsync(a => a.ServerId == server.Id, ct) > limit)
            {
                await db.Allocations.Where(a => a.Id == allocation.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.ServerId, (int?)null), ct);
                throw PanelProblem.Display(NetworkApi.LimitText);
            }
            return allocation;
        }
        throw PanelProblem.Display(NetworkApi.NoSpaceText, "NoAutoAllocationSpaceAvailableException");
    }

    private static async Task<Allocation?> ClaimFreeAsync(PanelDb db, int nodeId, string ip, PortRange range, int serverId, CancellationToken ct)
    {
        var free = await db.Allocations.AsNoTracking()
            .Where(a => a.NodeId == nodeId && a.Ip == ip && a.ServerId == null && a.Port >= range.Low && a.Port <= range.High)
            .OrderBy(a => a.Port).Select(a => a.Id).Take(50).ToListAsync(ct);
        if (free.Count == 0)
        {
            return null;
        }
        // A random pick among the first ones spreads concurrent requests over different rows.
        var id = free[Random.Shared.Next(free.Count)];
        if (!await new AllocationService(db).ClaimAsync(id, nodeId, serverId, ct))
        {
            return null;
        }
        return await db.Allocations.AsNoTracking().FirstAsync(a => a.Id == id, ct);
    }

    private static async Task<Allocation?> CreateAsync(PanelDb db, int nodeId, Allocation primary, PortRange range, int serverId, CancellationToken ct)
    {
        var used = (await db.Allocations.AsNoTracking().Where(a => a.NodeId == nodeId && a.Ip == primary.Ip && a.Port >= range.Low && a.Port <= range.High)
            .Select(a => a.Port).ToListAsync(ct)).ToHashSet();
        var open = Enumerable.Range(range.Low, range.High - range.Low + 1).Where(p => !used.Contains(p)).ToList();
        if (open.Count == 0)
        {
            throw PanelProblem.Display(NetworkApi.NoSpaceText, "NoAutoAllocationSpaceAvailableException");
        }
        var allocation = new Allocation { NodeId = nodeId, Ip = primary.Ip, Alias = primary.Alias, Port = open[Random.Shared.Next(open.Count)], ServerId = serverId };
        db.Allocations.Add(allocation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (node, ip, port) index: another request made that port first.
            db.Entry(allocation).State = EntityState.Detached;
            return null;
        }
        return allocation;
    }
}
