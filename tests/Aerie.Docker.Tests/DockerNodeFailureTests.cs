using Aerie.Contracts.Permissions;
using Aerie.Contracts.Socket;
using Aerie.Docker.Tests.Support;

namespace Aerie.Docker.Tests;

public sealed class DockerNodeFailureTests
{
    private static readonly TimeSpan Wait = DockerNode.Wait;
    private static readonly string[] Admin = [.. Permission.AdminToken];

    [Fact]
    public async Task Start_EngineUnreachable_AdminGetsReasonUserGetsGenericAndConsoleNotice()
    {
        var socket = Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid().ToString("N") + ".sock");
        await using var docker = await DockerNode.StartAsync(DockerNode.Server(DockerNode.EchoGame), socket);
        await using var admin = await docker.ConsoleAsync(Admin);
        await using var user = await docker.ConsoleAsync();

        await admin.SendAsync(SocketEvents.SetState, PowerActions.Start);
        var error = await admin.WaitForAsync(SocketEvents.DaemonError, timeout: Wait);
        await user.SendAsync(SocketEvents.SetState, PowerActions.Start);
        var generic = await user.WaitForAsync(SocketEvents.DaemonError, timeout: Wait);
        var notice = user.Received.First(f => f.Event == SocketEvents.ConsoleOutput && f.Args![0].Contains("could not be started", StringComparison.Ordinal));

        Assert.StartsWith(SocketErrors.ErrorEvent(docker.Entry.Uuid, $"Docker engine unreachable at {socket}: "), error.Args![0], StringComparison.Ordinal);
        Assert.Equal(SocketErrors.ErrorEvent(docker.Entry.Uuid, SocketErrors.Unexpected), generic.Args![0]);
        Assert.Contains("container engine is unreachable", notice.Args![0], StringComparison.Ordinal);
        Assert.DoesNotContain(socket, notice.Args![0], StringComparison.Ordinal);
        Assert.Equal(ServerStates.Offline, docker.Node.Server.State);
    }

    [Fact]
    public async Task Start_ImageCannotBePulled_InstallOutputToAdminDaemonErrorAndNotice()
    {
        var image = "localhost/aerie-missing-" + Guid.NewGuid().ToString("N")[..8] + ":1";
        await using var docker = await DockerNode.StartAsync(DockerNode.Server(DockerNode.EchoGame, s => s.Image = image));
        await using var admin = await docker.ConsoleAsync(Admin);
        await using var user = await docker.ConsoleAsync();

        await admin.SendAsync(SocketEvents.SetState, PowerActions.Start);
        var install = await admin.WaitForAsync(SocketEvents.InstallOutput, timeout: Wait);
        var error = await admin.WaitForAsync(SocketEvents.DaemonError, timeout: Wait);
        var notice = await user.WaitForConsoleAsync($"Image {image} could not be pulled", Wait);
        await user.WaitForStatusAsync(ServerStates.Offline, Wait);

        Assert.Equal($"Pulling image {image}", install.Args![0]);
        Assert.StartsWith(SocketErrors.ErrorEvent(docker.Entry.Uuid, $"Image {image} could not be pulled: "), error.Args![0], StringComparison.Ordinal);
        Assert.StartsWith(SocketErrors.DaemonPrefix, ConsoleTextOf(notice.Args![0]), StringComparison.Ordinal);
        Assert.DoesNotContain(user.Received, f => f.Event == SocketEvents.InstallOutput);
    }

    private static string ConsoleTextOf(string line) => Aerie.Node.Servers.ConsoleText.StripAnsi(line);
}
