using System.Text.Json;
using Aerie.Contracts;
using Aerie.Contracts.Socket;
using Aerie.Docker.Tests.Support;

namespace Aerie.Docker.Tests;

/// <summary>The daemon end to end on the docker runtime: NodeHost, console socket, real containers.</summary>
public sealed class DockerNodePowerTests
{
    private static readonly TimeSpan Wait = DockerNode.Wait;

    [Fact]
    public async Task Start_DoneMarker_RunningWithConsoleCommandAndStats()
    {
        await using var docker = await DockerNode.StartAsync(DockerNode.Server(DockerNode.EchoGame));
        await using var console = await docker.ConsoleAsync();

        await console.SendAsync(SocketEvents.SetState, PowerActions.Start);
        await console.WaitForStatusAsync(ServerStates.Starting, Wait);
        await console.WaitForConsoleAsync("booting", Wait);
        await console.WaitForStatusAsync(ServerStates.Running, Wait);
        await console.SendAsync(SocketEvents.SendCommand, "hello there");
        await console.WaitForConsoleAsync("got: hello there", Wait);
        var stats = await console.WaitForAsync(SocketEvents.Stats, f => Stats(f) is { State: ServerStates.Running, MemoryBytes: > 0 }, Wait);

        const long limit = 64L * 1024 * 1024;
        Assert.InRange(Stats(stats).MemoryBytes, 1, limit);
        Assert.Equal(limit, Stats(stats).MemoryLimitBytes);
        var limits = await docker.InspectAsync();
        Assert.Equal(limit, limits.HostConfig?.Memory);
        Assert.Equal(512, limits.HostConfig?.PidsLimit); // docker.container_pid_limit's default
    }

    [Fact]
    public async Task Stop_Command_StoppingThenOfflineWithoutCrash()
    {
        await using var docker = await DockerNode.StartAsync(DockerNode.Server(DockerNode.EchoGame));
        await using var console = await docker.RunningConsoleAsync();

        await console.SendAsync(SocketEvents.SetState, PowerActions.Stop);
        await console.WaitForStatusAsync(ServerStates.Stopping, Wait);
        await console.WaitForConsoleAsync("got: stop", Wait);
        await console.WaitForStatusAsync(ServerStates.Offline, Wait);

        var later = await console.CollectAsync(TimeSpan.FromMilliseconds(700));
        Assert.DoesNotContain(later, f => f.Args is [var l] && l.Contains(SocketErrors.CrashDetected, StringComparison.Ordinal));
        Assert.Equal(ServerStates.Offline, docker.Node.Server.State);
    }

    [Fact]
    public async Task Stop_Signal_GameTrapsItAndStops()
    {
        var server = DockerNode.Server("trap 'echo bye; exit 0' TERM; echo 'Done (0.1s)!'; while true; do sleep 0.1; done",
            s => s.Stop = new() { Type = "signal", Value = "SIGTERM" });
        await using var docker = await DockerNode.StartAsync(server);
        await using var console = await docker.RunningConsoleAsync();

        await console.SendAsync(SocketEvents.SetState, PowerActions.Stop);
        await console.WaitForStatusAsync(ServerStates.Stopping, Wait);
        await console.WaitForConsoleAsync("bye", Wait);
        await console.WaitForStatusAsync(ServerStates.Offline, Wait);
    }

    [Fact]
    public async Task Kill_GameIgnoringSignals_OfflineWithoutCrash()
    {
        var server = DockerNode.Server("trap '' INT TERM; echo 'Done (0.1s)!'; while true; do sleep 0.1; done");
        await using var docker = await DockerNode.StartAsync(server);
        await using var console = await docker.RunningConsoleAsync();

        await console.SendAsync(SocketEvents.SetState, PowerActions.Kill);
        await console.WaitForStatusAsync(ServerStates.Stopping, Wait);
        await console.WaitForStatusAsync(ServerStates.Offline, Wait);

        var later = await console.CollectAsync(TimeSpan.FromMilliseconds(700));
        Assert.DoesNotContain(later, f => f.Args is [var l] && l.Contains(SocketErrors.CrashDetected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MemoryLimit_GameOutgrowsIt_CrashNoticesSayOutOfMemory()
    {
        // The string doubles until the 48 MiB limit (no swap) makes the kernel kill the shell.
        var server = DockerNode.Server("echo 'Done (0.1s)!'; x=aaaaaaaa; while true; do x=\"$x$x\"; done", s =>
        {
            s.Limits = new() { Memory = 48 };
            s.CrashDetectionEnabled = false;
        });
        await using var docker = await DockerNode.StartAsync(server);
        await using var console = await docker.RunningConsoleAsync();

        await console.WaitForStatusAsync(ServerStates.Offline, TimeSpan.FromSeconds(60));
        await console.WaitForConsoleAsync(SocketErrors.CrashDetected, Wait);
        await console.WaitForConsoleAsync("Exit code: 137", Wait);
        var oom = await console.WaitForConsoleAsync("Out of memory: ", Wait);

        Assert.Equal(SocketErrors.DaemonNotice("Out of memory: true"), oom.Args![0]);
    }

    private static StatsPayload Stats(SocketFrame frame) =>
        JsonSerializer.Deserialize<StatsPayload>(frame.Args![0], ContractsJson.Options)!;
}
