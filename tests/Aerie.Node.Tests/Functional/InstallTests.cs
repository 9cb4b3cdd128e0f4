using System.Net;
using System.Net.Http.Json;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Servers;
using Aerie.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Node.Tests.Functional;

/// <summary>Install and reinstall as a server operation (spec 05 §7): the installing state, its events, the
/// refusals while it runs, and the report to the panel. The installer itself is a gate the test opens.</summary>
public sealed class InstallTests
{
    private static readonly string[] UserPermissions = [Permission.WebsocketConnect, Permission.ControlStart, Permission.ControlConsole];

    /// <summary>An installer that prints one line, then waits until the test lets it finish.</summary>
    private sealed class GatedInstaller : IServerInstaller
    {
        private readonly TaskCompletionSource<InstallOutcome> result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public InstallRequest? Last { get; private set; }

        public void Finish(bool successful) => result.TrySetResult(successful ? InstallOutcome.Exited(0) : InstallOutcome.Failed("the test says no"));

        public async Task<InstallOutcome> InstallAsync(InstallRequest request, CancellationToken cancellationToken)
        {
            Last = request;
            request.Output("installer says hello");
            return await result.Task.WaitAsync(cancellationToken);
        }
    }

    private static async Task<TestNode> NodeAsync(GatedInstaller installer, PanelStandIn? panel = null, Action<Aerie.Node.Configuration.NodeConfig>? tweak = null)
    {
        var node = await TestNode.StartAsync(c =>
        {
            if (panel is not null)
            {
                c.Remote = panel.Url;
            }
            tweak?.Invoke(c);
        }, services: s => s.AddSingleton<IServerInstaller>(installer));
        // The gate is the installer: the script itself is never run.
        panel?.InstallScripts.TryAdd(node.ServerUuid, new InstallScript("installer:image", "bash", "echo never run"));
        return node;
    }

    private static async Task<HttpResponseMessage> PostAsync(TestNode node, string path, object? body = null) =>
        body is null ? await node.Http.PostAsync($"/api/servers/{node.ServerUuid}/{path}", null)
            : await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/{path}", body);

    [Fact]
    public async Task Install_StartedOutputCompleted_ReportedToPanel()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        var installer = new GatedInstaller();
        await using var node = await NodeAsync(installer, panel);
        await using var admin = await node.ConsoleAsync([Permission.All, Permission.AdminInstall]);
        await using var user = await node.ConsoleAsync(UserPermissions);
        using (var response = await PostAsync(node, "install"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await admin.WaitForAsync(SocketEvents.InstallStarted);
        var output = await admin.WaitForAsync(SocketEvents.InstallOutput);
        Assert.Equal("installer says hello", output.Args![0]);
        Assert.True(node.Server.IsInstalling);
        Assert.Equal(node.Server.WorkingDirectory, installer.Last!.WorkingDirectory);
        Assert.False(installer.Last.Reinstall);

        installer.Finish(successful: true);
        await admin.WaitForAsync(SocketEvents.InstallCompleted);
        await user.WaitForAsync(SocketEvents.InstallCompleted);
        Assert.DoesNotContain(user.Received, f => f.Event == SocketEvents.InstallOutput);
        var (server, status) = Assert.Single(panel.InstallReports);
        Assert.Equal(node.ServerUuid, server);
        Assert.True(status.Successful);
        Assert.False(status.Reinstall);
        await node.Server.Installation.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(node.Server.IsInstalling);
    }

    [Fact]
    public async Task Reinstall_FailedInstaller_ReportedAsFailedReinstall()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        var installer = new GatedInstaller();
        installer.Finish(successful: false);
        await using var node = await NodeAsync(installer, panel);
        using (var response = await PostAsync(node, "reinstall"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await Eventually.TrueAsync(() => !panel.InstallReports.IsEmpty, TimeSpan.FromSeconds(10), "install report");
        var (_, status) = Assert.Single(panel.InstallReports);
        Assert.False(status.Successful);
        Assert.True(status.Reinstall);
    }

    [Fact]
    public async Task Installing_PowerActionsRefused_SecondInstallRefused_ThenPowerWorksAgain()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        var installer = new GatedInstaller();
        await using var node = await NodeAsync(installer, panel);
        await using var user = await node.ConsoleAsync(UserPermissions);
        using (var response = await PostAsync(node, "install"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await user.WaitForAsync(SocketEvents.InstallStarted);

        using (var power = await PostAsync(node, "power", new { action = PowerActions.Start }))
        {
            Assert.Equal(HttpStatusCode.Conflict, power.StatusCode);
            Assert.Equal(SocketErrors.ServerInstalling, (await power.Content.ReadFromJsonAsync<NodeError>())!.Error);
        }
        // A user without admin.websocket.errors still learns why: the text is meant for users.
        await user.SendAsync(SocketEvents.SetState, PowerActions.Start);
        var error = await user.WaitForAsync(SocketEvents.DaemonError);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.ServerInstalling), error.Args![0]);
        Assert.Equal(SocketErrors.ServerInstalling, await node.Server.PowerAsync(PowerActions.Kill, Actor.Daemon));
        using (var again = await PostAsync(node, "reinstall"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal(NodeApiErrors.AlreadyInstalling, (await again.Content.ReadFromJsonAsync<NodeError>())!.Error);
        }
        Assert.Equal(ServerStates.Offline, node.Server.State);

        installer.Finish(successful: true);
        await user.WaitForAsync(SocketEvents.InstallCompleted);
        await node.Server.Installation.WaitAsync(TimeSpan.FromSeconds(10));
        using (var power = await PostAsync(node, "power", new { action = PowerActions.Start }))
        {
            Assert.Equal(HttpStatusCode.Accepted, power.StatusCode);
        }
        await user.WaitForStatusAsync(ServerStates.Running);
    }

    [Fact]
    public async Task Reinstall_WhilePowerActionHoldsTheLock_409()
    {
        var installer = new GatedInstaller();
        installer.Finish(successful: true);
        // The game ignores the stop command, so the stop holds the power lock until the stop timeout: a long one,
        // so a slow machine cannot let the lock go before the reinstall request arrives (disposal kills the game).
        await using var node = await NodeAsync(installer, tweak: c =>
        {
            c.Power.StopTimeout = 60;
            c.Servers[0].Stop = new() { Type = "command", Value = "please-stop" };
        });
        await using var console = await node.RunningConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Stop);
        await console.WaitForStatusAsync(ServerStates.Stopping);
        using var response = await PostAsync(node, "reinstall");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(NodeApiErrors.ReinstallBusy, (await response.Content.ReadFromJsonAsync<NodeError>())!.Error);
        Assert.False(node.Server.IsInstalling);
    }

    [Fact]
    public async Task Reinstall_RunningServer_StoppedBeforeInstallStarts()
    {
        var installer = new GatedInstaller();
        installer.Finish(successful: true);
        await using var node = await NodeAsync(installer);
        await using var console = await node.RunningConsoleAsync();
        using (var response = await PostAsync(node, "reinstall"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        // Frames are read in order: the game is offline before the install starts.
        await console.WaitForStatusAsync(ServerStates.Stopping);
        await console.WaitForStatusAsync(ServerStates.Offline);
        await console.WaitForAsync(SocketEvents.InstallStarted);
        await console.WaitForAsync(SocketEvents.InstallCompleted);
        Assert.DoesNotContain(console.Received, f => f.Args is [var l] && l.Contains(SocketErrors.CrashDetected, StringComparison.Ordinal));
    }
}
