using System.Net;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Allocations;

/// <summary>A node's allocations: add ranges, delete free ones, claim one for a server atomically.</summary>
internal sealed class AllocationService(PanelDb db)
{
    public const string AssignedText = "A server is currently assigned to this allocation. An allocation can only be deleted if no server is currently assigned.";

    /// <summary>Resolves host names; a test swaps it for a fixed answer.</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>> Resolve { get; set; } = Dns.GetHostAddressesAsync;

    /// <summary>Adds every (ip, port) the request names; pairs the node already has are skipped.</summary>
    public async Task<int> CreateAsync(int nodeId, string ip, IReadOnlyList<string> ports, string? alias, CancellationToken ct)
    {
        if (!await db.Nodes.AnyAsync(n => n.Id == nodeId, ct))
        {
            throw new PanelProblem(404, Api.ApiErrorCodes.ResourceNotFoundText);
        }
        var expanded = PortMappings.Expand(ports);
        var ips = await AllocationIps.ExpandAsync(ip, Resolve, ct);
        var existing = (await db.Allocations.AsNoTracking().Where(a => a.NodeId == nodeId && ips.Contains(a.Ip)).Select(a => new { a.Ip, a.Port }).ToListAsync(ct))
            .Select(a => (a.Ip, a.Port)).ToHashSet();
        var added = 0;
        foreach (var address in ips)
        {
            foreach (var port in expanded.Where(p => !existing.Contains((address, p))))
            {
                db.Allocations.Add(new Allocation { NodeId = nodeId, Ip = address, Port = port, Alias = string.IsNullOrWhiteSpace(alias) ? null : alias.Trim() });
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    public async Task DeleteAsync(int nodeId, int allocationId, CancellationToken ct)
    {
        var allocation = await db.Allocations.FirstOrDefaultAsync(a => a.Id == allocationId && a.NodeId == nodeId, ct) ?? throw new PanelProblem(404, Api.ApiErrorCodes.ResourceNotFoundText);
        if (allocation.ServerId is not null)
        {
            throw PanelProblem.Display(AssignedText, "ServerUsingAllocationException");
        }
        db.Allocations.Remove(allocation);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Gives a free allocation of <paramref name="nodeId"/> to a server with one conditional update: of two
    /// concurrent claims only one matches "still free" (PostgreSQL re-checks the row after the other commits;
    /// SQLite serialises writers), so the loser sees false instead of sharing the port.
    /// </summary>
    public async Task<bool> ClaimAsync(int allocationId, int nodeId, int serverId, CancellationToken ct) =>
        await db.Allocations.Where(a => a.Id == allocationId && a.NodeId == nodeId && a.ServerId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.ServerId, serverId), ct) == 1;
}
