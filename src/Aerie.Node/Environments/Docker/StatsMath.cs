using Docker.DotNet.Models;

namespace Aerie.Node.Environments.Docker;

/// <summary>The arithmetic `docker stats` does on an engine stats sample.</summary>
internal static class StatsMath
{
    /// <summary>Usage minus reclaimable page cache: cgroup v1 reports <c>total_inactive_file</c>,
    /// v2 <c>inactive_file</c>, old engines only <c>cache</c>; Podman reports none (usage as is).</summary>
    public static long MemoryBytes(MemoryStats? memory)
    {
        if (memory?.Usage is not { } usage)
        {
            return 0;
        }
        foreach (var key in (string[])["total_inactive_file", "inactive_file", "cache"])
        {
            if (memory.Stats is { } stats && stats.TryGetValue(key, out var reclaimable) && reclaimable < usage)
            {
                return (long)(usage - reclaimable);
            }
        }
        return (long)usage;
    }

    /// <summary>CPU use between two samples in percent of one core (250 = 2.5 cores). Uses the
    /// host's cpu-time delta when both samples carry it (as `docker stats`), else wall time.</summary>
    public static double CpuAbsolute(ContainerStatsResponse previous, ContainerStatsResponse current)
    {
        var before = previous.CPUStats?.CPUUsage?.TotalUsage ?? 0;
        var after = current.CPUStats?.CPUUsage?.TotalUsage ?? 0;
        if (after <= before)
        {
            return 0;
        }
        double containerDelta = after - before;
        if (previous.CPUStats?.SystemUsage is { } systemBefore && current.CPUStats?.SystemUsage is { } systemAfter && systemAfter > systemBefore)
        {
            var cores = current.CPUStats.OnlineCPUs is > 0 and var online ? online
                : (uint)(current.CPUStats.CPUUsage?.PercpuUsage?.Count ?? Environment.ProcessorCount);
            return containerDelta / (systemAfter - systemBefore) * cores * 100.0;
        }
        var wallNs = (current.Read - previous.Read).Ticks * 100.0;
        return wallNs > 0 ? containerDelta / wallNs * 100.0 : 0;
    }

    public static (long Rx, long Tx) Network(ContainerStatsResponse sample)
    {
        long rx = 0, tx = 0;
        foreach (var network in sample.Networks?.Values ?? [])
        {
            rx += (long)network.RxBytes;
            tx += (long)network.TxBytes;
        }
        return (rx, tx);
    }
}
