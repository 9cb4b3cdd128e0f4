using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Contracts.RemoteApi;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Servers;

/// <summary>The install half of the remote API (spec 05 §7 "Panel side"): script, report, reset, and that a node only touches its own servers.</summary>
public abstract class RemoteInstallTests(PanelFixture fixture)
{
    private const string InstallingText = "This server has not yet completed its installation process, please try again later.";

    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task InstallScript_IsTheEggs_RawServerGetsAnEmptyOne()
    {
        var (panelNode, secret) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var egg = await EggServers.ImportAsync(Fixture, EggServers.ProxyEgg(), "proxy.json");
        var server = await EggServers.CreateAsync(Fixture, egg, panelNode.Id, await EggServers.AllocationAsync(Fixture, panelNode.Id));
        using var node = EggServerConfigurationTests.NodeClient(panelNode, secret, Fixture);
        var script = await node.GetFromJsonAsync<InstallScript>($"/api/remote/servers/{server.Uuid}/install");
        // CRLF is the node's to turn into LF (spec 05 §7 step 5): the panel sends the egg's text unchanged.
        Assert.Equal(new InstallScript("ghcr.io/example/installer:debian", "bash", "#!/bin/bash\r\necho installed > /mnt/server/installed.txt\r\n"), script);
        var raw = await Fixture.CreateServerAsync((await Fixture.CreateUserAsync()).User, panelNode.Id);
        var rawScript = await node.GetFromJsonAsync<InstallScript>($"/api/remote/servers/{raw.Uuid}/install");
        Assert.Equal("", rawScript!.Script);
        // The node runs the egg server's script on create; the raw server's install is reported done unrun.
        Assert.False(await SkipsScriptsAsync(node, server.Uuid));
        Assert.True(await SkipsScriptsAsync(node, raw.Uuid));
    }

    private static async Task<bool> SkipsScriptsAsync(HttpClient node, Guid uuid) =>
        (await node.GetFromJsonAsync<JsonElement>($"/api/remote/servers/{uuid}")).GetProperty("settings").GetProperty("skip_egg_scripts").GetBoolean();

    [Fact]
    public async Task Report_SetsStatusAndInstalledAt_EveryTime_SuspendedStaysSuspended()
    {
        var (panelNode, secret) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var egg = await EggServers.ImportAsync(Fixture, EggServers.ProxyEgg(), "proxy.json");
        var server = await EggServers.CreateAsync(Fixture, egg, panelNode.Id, await EggServers.AllocationAsync(Fixture, panelNode.Id));
        using var node = EggServerConfigurationTests.NodeClient(panelNode, secret, Fixture);
        Assert.Equal(("installing", (DateTimeOffset?)null), (await ReadAsync(server.Uuid)) is var r0 ? (r0.Status, r0.InstalledAt) : default);

        await ReportAsync(node, server.Uuid, successful: false, reinstall: false);
        var failed = await ReadAsync(server.Uuid);
        Assert.Equal("install_failed", failed.Status);
        Assert.NotNull(failed.InstalledAt);

        await ReportAsync(node, server.Uuid, successful: false, reinstall: true);
        var reinstallFailed = await ReadAsync(server.Uuid);
        Assert.Equal("reinstall_failed", reinstallFailed.Status);
        Assert.True(reinstallFailed.InstalledAt >= failed.InstalledAt);

        await ReportAsync(node, server.Uuid, successful: true, reinstall: true);
        var done = await ReadAsync(server.Uuid);
        Assert.Null(done.Status);
        Assert.True(done.InstalledAt >= reinstallFailed.InstalledAt);

        // A suspended server stays suspended whatever the install did, on both APIs.
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Servers.Where(s => s.Uuid == server.Uuid).ExecuteUpdateAsync(u => u.SetProperty(s => s.Suspended, true)));
        await ReportAsync(node, server.Uuid, successful: false, reinstall: false);
        using var admin = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));
        var shown = await admin.GetFromJsonAsync<JsonElement>($"/api/application/servers/{server.Id}");
        Assert.Equal(("suspended", true), (shown.GetProperty("attributes").GetProperty("status").GetString(), shown.GetProperty("attributes").GetProperty("suspended").GetBoolean()));
        await ReportAsync(node, server.Uuid, successful: true, reinstall: false);
        var after = await ReadAsync(server.Uuid);
        Assert.True(after.Suspended);
        Assert.Equal("suspended", (await admin.GetFromJsonAsync<JsonElement>($"/api/application/servers/{server.Id}")).GetProperty("attributes").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ClientApi_409WhileInstalling_ExceptTheServerView_UsableOnceReported()
    {
        var (panelNode, secret) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var egg = await EggServers.ImportAsync(Fixture, EggServers.ProxyEgg(), "proxy.json");
        var server = await EggServers.CreateAsync(Fixture, egg, panelNode.Id, await EggServers.AllocationAsync(Fixture, panelNode.Id));
        var owner = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Users.AsNoTracking().SingleAsync(u => u.Id == server.OwnerId));
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        using var node = EggServerConfigurationTests.NodeClient(panelNode, secret, Fixture);
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/client/servers/{server.Identifier}");
        Assert.Equal("installing", view.GetProperty("attributes").GetProperty("status").GetString());
        await Api.ApiErrorAssert.AssertAsync(await client.GetAsync($"/api/client/servers/{server.Identifier}/resources"), 409, InstallingText);
        await Api.ApiErrorAssert.AssertAsync(await client.PostAsync($"/api/client/servers/{server.Identifier}/settings/rename", JsonContent.Create(new { name = "x" })), 409, InstallingText);

        await ReportAsync(node, server.Uuid, successful: false, reinstall: false);
        await Api.ApiErrorAssert.AssertAsync(await client.GetAsync($"/api/client/servers/{server.Identifier}/resources"), 409, InstallingText);

        await ReportAsync(node, server.Uuid, successful: true, reinstall: false);
        using var renamed = await client.PostAsync($"/api/client/servers/{server.Identifier}/settings/rename", JsonContent.Create(new { name = "renamed" }));
        Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);
    }

    [Fact]
    public async Task Reset_ClearsInstallingAndRestoring_OfTheCallersServersOnly()
    {
        var (nodeA, secretA) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var (nodeB, _) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var egg = await EggServers.ImportAsync(Fixture, EggServers.ProxyEgg(), "proxy.json");
        var installing = await EggServers.CreateAsync(Fixture, egg, nodeA.Id, null);
        var restoring = await EggServers.CreateAsync(Fixture, egg, nodeA.Id, null);
        var failed = await EggServers.CreateAsync(Fixture, egg, nodeA.Id, null);
        var other = await EggServers.CreateAsync(Fixture, egg, nodeB.Id, null);
        await SetStatusAsync(restoring.Uuid, "restoring_backup");
        await SetStatusAsync(failed.Uuid, "install_failed");
        using var node = EggServerConfigurationTests.NodeClient(nodeA, secretA, Fixture);
        using var reset = await node.PostAsync("/api/remote/servers/reset", null);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Null((await ReadAsync(installing.Uuid)).Status);
        Assert.Null((await ReadAsync(restoring.Uuid)).Status);
        // A failed install is a result, not an interrupted one: it stays.
        Assert.Equal("install_failed", (await ReadAsync(failed.Uuid)).Status);
        Assert.Equal("installing", (await ReadAsync(other.Uuid)).Status);
    }

    [Fact]
    public async Task AnotherNode_CannotReadTheScript_ReportAnInstall_OrReadTheConfiguration()
    {
        var (owning, _) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var (attacker, attackerSecret) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var egg = await EggServers.ImportAsync(Fixture, EggServers.ProxyEgg(), "proxy.json");
        var server = await EggServers.CreateAsync(Fixture, egg, owning.Id, await EggServers.AllocationAsync(Fixture, owning.Id));
        using var node = EggServerConfigurationTests.NodeClient(attacker, attackerSecret, Fixture);
        Assert.Equal(HttpStatusCode.NotFound, (await node.GetAsync($"/api/remote/servers/{server.Uuid}/install")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.GetAsync($"/api/remote/servers/{server.Uuid}")).StatusCode);
        foreach (var (successful, reinstall) in new[] { (true, false), (false, false), (false, true) })
        {
            using var report = await node.PostAsJsonAsync($"/api/remote/servers/{server.Uuid}/install", new InstallStatus(successful, reinstall));
            Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
        }
        var listed = await node.GetFromJsonAsync<RemoteServerPage>("/api/remote/servers?per_page=500");
        Assert.DoesNotContain(listed!.Data, d => d.Uuid == server.Uuid.ToString());
        var unchanged = await ReadAsync(server.Uuid);
        Assert.Equal(("installing", (DateTimeOffset?)null), (unchanged.Status, unchanged.InstalledAt));
        // Nor does the attacker's reset clear it.
        using var reset = await node.PostAsync("/api/remote/servers/reset", null);
        Assert.Equal("installing", (await ReadAsync(server.Uuid)).Status);
    }

    private static async Task ReportAsync(HttpClient node, Guid uuid, bool successful, bool reinstall)
    {
        using var response = await node.PostAsJsonAsync($"/api/remote/servers/{uuid}/install", new InstallStatus(successful, reinstall));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private Task<GameServer> ReadAsync(Guid uuid) =>
        Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Servers.AsNoTracking().SingleAsync(s => s.Uuid == uuid));

    private Task<int> SetStatusAsync(Guid uuid, string? status) =>
        Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Servers.Where(s => s.Uuid == uuid).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status)));
}

public sealed class RemoteInstallSqliteTests(SqlitePanelFixture f) : RemoteInstallTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class RemoteInstallPostgresTests(PostgresPanelFixture f) : RemoteInstallTests(f), IClassFixture<PostgresPanelFixture>;
