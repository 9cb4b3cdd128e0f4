using System.Net;
using System.Net.WebSockets;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.Socket;
using Aerie.Node.Environments;
using Aerie.Node.Environments.LocalProcess;
using Aerie.Node.Events;
using Aerie.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Tests.Functional;

/// <summary>Permission-gated outbound events. Install output, transfer logs and backups come from subsystems
/// the process runtime does not have; the test publishes those frames on the real server's event stream.</summary>
public sealed class OutboundGateTests
{
    [Theory]
    [InlineData(SocketEvents.InstallOutput, Permission.AdminInstall)]
    [InlineData(SocketEvents.TransferLogs, Permission.AdminTransfer)]
    [InlineData(SocketEvents.BackupCompleted, Permission.BackupRead)]
    public async Task GatedEvent_OnlyToTokensHoldingPermission(string name, string permission)
    {
        await using var node = await TestNode.StartAsync();
        await using var holder = await node.ConsoleAsync([Permission.WebsocketConnect, permission]);
        await using var other = await node.ConsoleAsync(name == SocketEvents.BackupCompleted ? [Permission.WebsocketConnect] : ["*"]);
        await holder.CollectAsync(TimeSpan.FromMilliseconds(200));
        await other.CollectAsync(TimeSpan.FromMilliseconds(200));
        node.Server.Frames.Publish(FrameEncoder.Frame(name, permission, "payload"));
        node.Server.Frames.Publish(FrameEncoder.Frame(SocketEvents.DaemonMessage, null, "to all"));
        await holder.WaitForAsync(name);
        var seen = await other.CollectAsync(TimeSpan.FromMilliseconds(500));
        Assert.Contains(seen, f => f.Event == SocketEvents.DaemonMessage);
        Assert.DoesNotContain(seen, f => f.Event == name);
    }

    [Fact]
    public async Task InstallOutput_FromRuntime_OnlyToAdminInstallTokens()
    {
        InstallOutputStandInFactory? factory = null;
        await using var node = await TestNode.StartAsync(services: s => s.AddSingleton<IEnvironmentFactory>(sp =>
            factory = new InstallOutputStandInFactory(new LocalProcessEnvironmentFactory(sp.GetRequiredService<ProcessSandbox>(), TimeProvider.System, sp.GetRequiredService<ILoggerFactory>()))));
        await using var admin = await node.ConsoleAsync([.. Permission.AdminToken]);
        await using var owner = await node.ConsoleAsync(["*"]);
        await admin.CollectAsync(TimeSpan.FromMilliseconds(200));
        await owner.CollectAsync(TimeSpan.FromMilliseconds(200));
        factory!.Created.Single().Emit("pulling image layer 3/7");
        Assert.Equal(["pulling image layer 3/7"], (await admin.WaitForAsync(SocketEvents.InstallOutput)).Args);
        Assert.DoesNotContain(await owner.CollectAsync(TimeSpan.FromMilliseconds(500)), f => f.Event == SocketEvents.InstallOutput);
    }

    [Fact]
    public async Task Install_SendsStartedAndCompletedToAll()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.ConsoleAsync([Permission.WebsocketConnect]);
        using var response = await node.Http.PostAsync($"/api/servers/{node.ServerUuid}/install", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([""], (await client.WaitForAsync(SocketEvents.InstallStarted)).Args);
        Assert.Equal([""], (await client.WaitForAsync(SocketEvents.InstallCompleted)).Args);
    }

    [Fact]
    public async Task Delete_SendsDeletedThenCloses1001()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.RunningConsoleAsync();
        using var response = await node.Http.DeleteAsync($"/api/servers/{node.ServerUuid}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await client.WaitForAsync(SocketEvents.Deleted);
        var (status, reason) = await client.WaitForCloseAsync();
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Equal(SocketCloseCodes.DeletedReason, reason);
        Assert.False(node.Servers.TryGet(node.ServerUuid, out _));
        Assert.Equal(404, await ConsoleClient.RefusedStatusAsync(node.SocketUri()));
    }

    [Fact]
    public async Task DaemonError_RealReasonOnlyWithAdminErrors()
    {
        await using var node = await TestNode.StartAsync();
        await using var admin = await node.RunningConsoleAsync([.. Permission.AdminToken]);
        await admin.SendAsync(SocketEvents.SetState, "warp");
        var error = await admin.WaitForAsync(SocketEvents.DaemonError);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, "invalid power action 'warp'"), error.Args![0]);
        await using var user = await node.ConsoleAsync(["*"]);
        await user.SendAsync(SocketEvents.SetState, "warp");
        error = await user.WaitForAsync(SocketEvents.DaemonError);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Unexpected), error.Args![0]);
    }
}
