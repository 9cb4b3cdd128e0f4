using System.Text.Json.Nodes;
using Aerie.Contracts.NodeApi;
using Aerie.Panel.Api;

namespace Aerie.Panel.ClientServers;

/// <summary>The <c>stats</c> object of <c>…/resources</c> (spec 04 §2.1), from the node's server details (spec 03).</summary>
internal sealed class StatsTransformer : Transformer<ServerDetails>
{
    public static readonly StatsTransformer Instance = new();

    public override string ObjectName => "stats";

    protected override JsonObject Attributes(ServerDetails d) => new()
    {
        ["current_state"] = d.State,
        ["is_suspended"] = d.IsSuspended,
        ["resources"] = new JsonObject
        {
            ["memory_bytes"] = d.Utilization.MemoryBytes,
            ["cpu_absolute"] = d.Utilization.CpuAbsolute,
            ["disk_bytes"] = d.Utilization.DiskBytes,
            ["network_rx_bytes"] = d.Utilization.Network.RxBytes,
            ["network_tx_bytes"] = d.Utilization.Network.TxBytes,
            ["uptime"] = d.Utilization.Uptime,
        },
    };
}
