using Aerie.Docker.Tests.Support;
using Aerie.Node.Environments;

namespace Aerie.Docker.Tests;

public sealed class DockerEnvironmentStatsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Stats_RunningGame_MemoryWithinConfiguredLimit()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();
        await environment.StartAsync(server.Spec("echo ready; while true; do :; done", memoryMiB: 64), CancellationToken.None);
        await server.Output.WaitForTextAsync("ready", Wait);

        var first = await environment.GetStatsAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var second = await environment.GetStatsAsync(CancellationToken.None);

        Assert.InRange(second.MemoryBytes, 1, 64L * 1024 * 1024);
        Assert.Equal(64L * 1024 * 1024, second.MemoryLimitBytes);
        Assert.True(second.UptimeMs > first.UptimeMs, $"uptime {first.UptimeMs} then {second.UptimeMs}");
        Assert.True(second.CpuAbsolute > 0, $"a busy loop used no cpu: {second.CpuAbsolute}");
        Assert.InRange(second.CpuAbsolute, 0, 100.0 * Environment.ProcessorCount + 10);
    }

    [Fact]
    public async Task Stats_NotRunning_Zero()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();

        Assert.Equal(EnvironmentStats.Zero, await environment.GetStatsAsync(CancellationToken.None));

        await environment.StartAsync(server.Spec("exit 0"), CancellationToken.None);
        await server.Output.WaitForExitAsync(Wait);
        Assert.Equal(EnvironmentStats.Zero, await environment.GetStatsAsync(CancellationToken.None));
    }
}
