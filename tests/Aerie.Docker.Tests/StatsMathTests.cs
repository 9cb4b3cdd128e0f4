using Aerie.Node.Environments.Docker;
using Docker.DotNet.Models;

namespace Aerie.Docker.Tests;

public sealed class StatsMathTests
{
    [Fact]
    public void MemoryBytes_CgroupV1_SubtractsTotalInactiveFile()
    {
        var memory = new MemoryStats { Usage = 1000, Stats = new Dictionary<string, ulong> { ["total_inactive_file"] = 300, ["cache"] = 500 } };

        Assert.Equal(700, StatsMath.MemoryBytes(memory));
    }

    [Fact]
    public void MemoryBytes_CgroupV2_SubtractsInactiveFile()
    {
        var memory = new MemoryStats { Usage = 1000, Stats = new Dictionary<string, ulong> { ["inactive_file"] = 100 } };

        Assert.Equal(900, StatsMath.MemoryBytes(memory));
    }

    [Fact]
    public void MemoryBytes_NoBreakdown_UsageAsIs()
    {
        Assert.Equal(1000, StatsMath.MemoryBytes(new MemoryStats { Usage = 1000 }));
        Assert.Equal(0, StatsMath.MemoryBytes(null));
    }

    [Fact]
    public void CpuAbsolute_SystemDelta_PercentTimesCores()
    {
        var before = Sample(cpu: 1_000_000_000, system: 100_000_000_000, DateTime.UnixEpoch);
        // One full core busy on a 2-core host for 1 s: the host's cpu time grows by 2 s.
        var after = Sample(cpu: 2_000_000_000, system: 102_000_000_000, DateTime.UnixEpoch.AddSeconds(1));

        Assert.Equal(100.0, StatsMath.CpuAbsolute(before, after), 3);
    }

    [Fact]
    public void CpuAbsolute_NoSystemUsage_UsesWallTime()
    {
        var before = Sample(cpu: 0, system: null, DateTime.UnixEpoch);
        var after = Sample(cpu: 500_000_000, system: null, DateTime.UnixEpoch.AddSeconds(1));

        Assert.Equal(50.0, StatsMath.CpuAbsolute(before, after), 3);
    }

    [Fact]
    public void Network_SumsInterfaces()
    {
        var sample = new ContainerStatsResponse
        {
            Networks = new Dictionary<string, NetworkStats>
            {
                ["eth0"] = new() { RxBytes = 10, TxBytes = 20 },
                ["eth1"] = new() { RxBytes = 1, TxBytes = 2 },
            },
        };

        Assert.Equal((11L, 22L), StatsMath.Network(sample));
    }

    private static ContainerStatsResponse Sample(ulong cpu, ulong? system, DateTime read) => new()
    {
        Read = read,
        CPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = cpu }, SystemUsage = system, OnlineCPUs = 2 },
    };
}
