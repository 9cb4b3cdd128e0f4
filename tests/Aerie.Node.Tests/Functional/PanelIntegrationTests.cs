using System.Net;
using System.Net.Http.Json;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Functional;

public sealed class PanelIntegrationTests
{
    private static ServerConfiguration PanelServer(bool suspended = false) =>
        TestNode.NewServer(s => s.Suspended = suspended).ToConfiguration();

    private static Task<TestNode> NodeWithPanelAsync(PanelStandIn panel, Action<NodeConfig>? tweak = null) =>
        TestNode.StartAsync(c =>
        {
            c.Remote = panel.Url;
            c.TokenId = "testtokenid00001";
            tweak?.Invoke(c);
        });

    [Fact]
    public async Task Boot_LoadsEveryPageOfPanelServers_AndResets()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        for (var i = 0; i < 55; i++)
        {
            var s = PanelServer();
            panel.Servers[s.Settings.Uuid] = s;
        }
        await using var node = await NodeWithPanelAsync(panel);
        await node.Servers.Booted.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(56, node.Servers.All.Count()); // 55 panel servers + 1 config server, all there once booted
        Assert.Equal(1, panel.ResetCalls);
        Assert.Equal(2, panel.PagesServed);
    }

    [Fact]
    public async Task Boot_PanelUnreachable_RunsWithConfigServers()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Remote = "http://127.0.0.1:1";
            c.TokenId = "x";
        });
        await using var client = await node.RunningConsoleAsync();
        await node.Servers.Booted.WaitAsync(TimeSpan.FromSeconds(20)); // a failed listing still ends the boot
        Assert.Single(node.Servers.All);
    }

    [Fact]
    public async Task Create_FetchesConfigurationFromPanel_StartsOnCompletion()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await NodeWithPanelAsync(panel);
        var created = PanelServer();
        panel.Servers[created.Settings.Uuid] = created;
        // A new server is installed first (spec 05 §7), then started.
        panel.InstallScripts[created.Settings.Uuid] = new InstallScript("img", "bash", "true");
        using var response = await node.Http.PostAsJsonAsync("/api/servers", new CreateServerRequest(created.Settings.Uuid, StartOnCompletion: true));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(node.Servers.TryGet(created.Settings.Uuid, out var server));
        await Eventually.TrueAsync(() => server.State == ServerStates.Running, what: "created server running");
    }

    [Fact]
    public async Task Sync_Suspension_ClosesSockets4409()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        var served = PanelServer();
        panel.Servers[served.Settings.Uuid] = served;
        await using var node = await NodeWithPanelAsync(panel);
        await Eventually.TrueAsync(() => node.Servers.TryGet(served.Settings.Uuid, out _), what: "panel server loaded");
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri(served.Settings.Uuid));
        await client.AuthenticateAsync(node.Tokens.Mint(served.Settings.Uuid));
        panel.Servers[served.Settings.Uuid] = served with { Settings = served.Settings with { Suspended = true } };
        using var response = await node.Http.PostAsync($"/api/servers/{served.Settings.Uuid}/sync", null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (status, reason) = await client.WaitForCloseAsync();
        Assert.Equal(SocketCloseCodes.Suspended, (int)status!);
        Assert.Equal(SocketCloseCodes.SuspendedReason, reason);
    }

    [Fact]
    public async Task Activity_CommandsAndPower_ShippedInBatches_RetriedNotDropped()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        panel.FailActivityBatches = 2;
        await using var node = await NodeWithPanelAsync(panel);
        var user = Guid.NewGuid().ToString();
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthenticateAsync(node.Tokens.Mint(node.ServerUuid, userUuid: user));
        await client.SendAsync(SocketEvents.SetState, PowerActions.Start);
        await client.WaitForStatusAsync(ServerStates.Running);
        await client.SendAsync(SocketEvents.SendCommand, "audited");
        await client.WaitForConsoleAsync("echo: audited");
        await Eventually.TrueAsync(() => panel.Activity.Count >= 2, TimeSpan.FromSeconds(15), "activity reached the panel");
        var entries = panel.Activity.ToList();
        var power = Assert.Single(entries, e => e.Event == ActivityEvents.PowerStart);
        Assert.Equal(user, power.User);
        Assert.Equal(node.ServerUuid, power.Server);
        Assert.Equal("127.0.0.1", power.Ip);
        var command = Assert.Single(entries, e => e.Event == ActivityEvents.ConsoleCommand);
        Assert.Equal("audited", command.Metadata["command"]);
    }

    [Fact]
    public async Task Activity_PowerAndCommandThroughNodeApi_ShippedAsPanelActions()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await NodeWithPanelAsync(panel);
        await using var client = await node.ConsoleAsync();
        using (var start = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/power", new { action = PowerActions.Start }))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }
        await client.WaitForStatusAsync(ServerStates.Running);
        using (var command = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/commands", new { commands = new[] { "from the panel" } }))
        {
            Assert.Equal(HttpStatusCode.NoContent, command.StatusCode);
        }
        await Eventually.TrueAsync(() => panel.Activity.Count >= 2, TimeSpan.FromSeconds(15), "panel actions reached the panel");
        var entries = panel.Activity.ToList();
        var power = Assert.Single(entries, e => e.Event == ActivityEvents.PowerStart);
        Assert.Equal(node.ServerUuid, power.Server);
        Assert.Null(power.User);
        Assert.Null(power.Ip);
        Assert.Equal("ok", power.Metadata["result"]);
        var sent = Assert.Single(entries, e => e.Event == ActivityEvents.ConsoleCommand);
        Assert.Equal("from the panel", sent.Metadata["command"]);
        Assert.Null(sent.User);
        Assert.Null(sent.Ip);
    }

    [Fact]
    public async Task Activity_NoPanel_WrittenToLocalFile()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.RunningConsoleAsync();
        await client.SendAsync(SocketEvents.SendCommand, "local audit");
        await client.WaitForConsoleAsync("echo: local audit");
        var file = NodePaths.ActivityFile(node.Config);
        await Eventually.TrueAsync(() => File.Exists(file) && File.ReadAllText(file).Contains("local audit", StringComparison.Ordinal), what: "activity file");
        Assert.Contains(ActivityEvents.PowerStart, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NotAUuid_422()
    {
        await using var node = await TestNode.StartAsync();
        using var response = await node.Http.PostAsJsonAsync("/api/servers", new CreateServerRequest("../../etc"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Create_PanelUnreachable_502()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Remote = "http://127.0.0.1:1";
            c.TokenId = "x";
        });
        using var response = await node.Http.PostAsJsonAsync("/api/servers", new CreateServerRequest(Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task CreateAndSync_ServerUnknownToPanel_404SoThePanelStopsRetrying()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await NodeWithPanelAsync(panel);
        var gone = Guid.NewGuid().ToString();
        using (var create = await node.Http.PostAsJsonAsync("/api/servers", new CreateServerRequest(gone)))
        {
            Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        }
        Assert.False(node.Servers.TryGet(gone, out _));
        // A server the node has, deleted on the panel before its sync arrived.
        panel.Servers.Clear();
        using var sync = await node.Http.PostAsync($"/api/servers/{node.ServerUuid}/sync", null);
        Assert.Equal(HttpStatusCode.NotFound, sync.StatusCode);
    }
}
