using Aerie.Docker.Tests.Support;

namespace Aerie.Docker.Tests;

public sealed class DockerEnvironmentPowerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Signal_TrappingGame_StopsWithItsExitCode()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();
        await environment.StartAsync(server.Spec("trap 'echo bye; exit 3' INT; echo ready; while true; do sleep 0.1; done"), CancellationToken.None);
        await server.Output.WaitForTextAsync("ready", Wait);

        await environment.SignalAsync("SIGINT", CancellationToken.None);
        var exit = await server.Output.WaitForExitAsync(Wait);

        Assert.Equal(3, exit.ExitCode);
        Assert.False(exit.OutOfMemory);
        Assert.EndsWith("bye\n", server.Output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_RunningGame_Exits137NotOutOfMemory()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();
        await environment.StartAsync(server.Spec("trap '' INT TERM; echo ready; while true; do sleep 0.1; done"), CancellationToken.None);
        await server.Output.WaitForTextAsync("ready", Wait);
        Assert.True(environment.IsRunning);

        await environment.KillAsync(CancellationToken.None);
        var exit = await server.Output.WaitForExitAsync(Wait);

        Assert.Equal(137, exit.ExitCode);
        Assert.False(exit.OutOfMemory);
        Assert.False(environment.IsRunning);
    }

    [Fact]
    public async Task MemoryLimit_GameOutgrowsIt_ExitedReportsOutOfMemory()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();

        // The string doubles until the 48 MiB limit (no swap) makes the kernel kill the shell.
        await environment.StartAsync(server.Spec("echo growing; x=aaaaaaaa; while true; do x=\"$x$x\"; done", memoryMiB: 48), CancellationToken.None);
        var exit = await server.Output.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit.OutOfMemory, $"exit code {exit.ExitCode}, output: {server.Output.Text}");
        Assert.Equal(137, exit.ExitCode);
    }

    [Fact]
    public async Task Destroy_RunningContainer_RemovesIt()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();
        var spec = server.Spec("echo ready; while true; do sleep 0.1; done");
        await environment.StartAsync(spec, CancellationToken.None);
        await server.Output.WaitForTextAsync("ready", Wait);

        await environment.DestroyAsync(CancellationToken.None);

        await using var next = server.NewEnvironment();
        Assert.False(await next.AttachExistingAsync(spec, CancellationToken.None));
        Assert.Equal(0, server.Output.ExitCount);
    }

    [Fact]
    public async Task Start_AfterExit_RecreatesContainerFromNewSpec()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();
        await environment.StartAsync(server.Spec("echo first"), CancellationToken.None);
        await server.Output.WaitForExitAsync(Wait);

        var again = server.NewEnvironment();
        await again.StartAsync(server.Spec("echo second; exit 7"), CancellationToken.None);
        await server.Output.WaitForTextAsync("second\n", Wait);

        Assert.Equal("first\nsecond\n", server.Output.Text);
    }
}
