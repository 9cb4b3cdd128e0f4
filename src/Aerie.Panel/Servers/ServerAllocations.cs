using System.Globalization;
using Aerie.Contracts.RemoteApi;
using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Servers;

/// <summary>A server's allocations as the node and the game see them (spec 05 §8): the configuration's
/// <c>allocations</c> block and the <c>P_SERVER_ALLOCATIONS</c> variable, both primary first.</summary>
internal static class ServerAllocations
{
    public const string VariableName = "P_SERVER_ALLOCATIONS";

    /// <summary>Server id → its allocations, by id, for a page of servers (one query).</summary>
    public static async Task<Dictionary<int, List<Allocation>>> LoadAsync(PanelDb db, IReadOnlyCollection<int> serverIds, CancellationToken ct) =>
        (await db.Allocations.AsNoTracking().Where(a => a.ServerId != null && serverIds.Contains(a.ServerId.Value)).OrderBy(a => a.Id).ToListAsync(ct))
            .GroupBy(a => a.ServerId!.Value).ToDictionary(g => g.Key, g => g.ToList());

    /// <summary>The primary first, then the others by id.</summary>
    public static List<Allocation> Ordered(GameServer server, IEnumerable<Allocation> allocations) =>
        [.. allocations.OrderBy(a => a.Id == server.AllocationId ? 0 : 1).ThenBy(a => a.Id)];

    /// <summary><c>ip:port,ip:port</c>, primary first ("" for a server without allocations).</summary>
    public static string Variable(GameServer server, IEnumerable<Allocation> allocations) =>
        string.Join(',', Ordered(server, allocations).Select(a => a.Ip + ":" + a.Port.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The node's <c>allocations</c> block. A server without a primary (a raw-command server made by the
    /// operator CLI) gets <c>0.0.0.0:0</c>, which the node reads as "nothing to publish".</summary>
    public static Aerie.Contracts.RemoteApi.Allocations Config(GameServer server, IEnumerable<Allocation> allocations, bool forceOutgoingIp)
    {
        var ordered = Ordered(server, allocations);
        var primary = ordered.FirstOrDefault(a => a.Id == server.AllocationId);
        var mappings = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        foreach (var group in ordered.GroupBy(a => a.Ip, StringComparer.Ordinal))
        {
            mappings[group.Key] = [.. group.Select(a => a.Port)];
        }
        return new Aerie.Contracts.RemoteApi.Allocations(
            primary is null ? new AllocationAddress("0.0.0.0", 0) : new AllocationAddress(primary.Ip, primary.Port), mappings, forceOutgoingIp);
    }
}
