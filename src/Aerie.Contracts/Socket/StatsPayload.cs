using System.Text.Json.Serialization;

namespace Aerie.Contracts.Socket;

/// <summary>The <c>stats</c> payload, JSON-encoded into args[0] (spec 02); also the node API's utilization object.</summary>
public sealed record StatsPayload(
    [property: JsonPropertyName("memory_bytes")] long MemoryBytes,
    [property: JsonPropertyName("memory_limit_bytes")] long MemoryLimitBytes,
    [property: JsonPropertyName("cpu_absolute")] double CpuAbsolute,
    [property: JsonPropertyName("network")] NetworkStats Network,
    [property: JsonPropertyName("uptime")] long Uptime,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("disk_bytes")] long DiskBytes)
{
    public static StatsPayload Zero(string state, long memoryLimitBytes = 0) =>
        new(0, memoryLimitBytes, 0, new NetworkStats(0, 0), 0, state, 0);
}

public sealed record NetworkStats(
    [property: JsonPropertyName("rx_bytes")] long RxBytes,
    [property: JsonPropertyName("tx_bytes")] long TxBytes);
