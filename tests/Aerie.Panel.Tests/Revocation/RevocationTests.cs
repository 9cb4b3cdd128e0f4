using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Panel.Credentials;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;
using Aerie.Panel.Servers;
using Aerie.Panel.Subusers;
using Aerie.Panel.Tests.Infrastructure;
using Aerie.Panel.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Revocation;

/// <summary>Spec 01 revocation: each trigger reaches the node; the outbox retries and survives a restart.</summary>
public abstract class RevocationTests(PanelFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task Revocation_SubuserRemovedByOwner_SendsDeauthorizeAndDeny()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        using var response = await client.DeleteAsync($"/api/client/servers/{server.Identifier}/users/{sub.Uuid}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await AssertDeauthorizedAsync(Fixture.Node, sub, server);
        var deny = await Fixture.Node.WaitForCallAsync(c => c.Path == $"/api/servers/{server.Uuid}/ws/deny" && c.Body.Contains(ConsoleJti.Of(sub.Uuid, server.Uuid), StringComparison.Ordinal), Wait);
        Assert.Equal("Bearer " + Fixture.NodeSecret, deny.Authorization);
        Assert.Equal(204, deny.Status);
    }

    [Fact]
    public async Task Revocation_SubuserPermissionsChanged_SendsDeauthorize()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub, "control.console");
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        using var response = await client.PostAsJsonAsync($"/api/client/servers/{server.Identifier}/users/{sub.Uuid}", new { permissions = new[] { "control.start" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertDeauthorizedAsync(Fixture.Node, sub, server);
    }

    [Fact]
    public async Task Revocation_OwnerChanged_DeauthorizesOldOwner()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (next, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<ServerService>().UpdateAsync(server.Uuid, new ServerRequest(OwnerUuid: next.Uuid), CancellationToken.None));
        await AssertDeauthorizedAsync(Fixture.Node, owner, server);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("suspend")]
    [InlineData("delete")]
    public async Task Revocation_UserChange_DeauthorizesOnEveryServer(string change)
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub);
        await Fixture.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserService>();
            if (change == "delete")
            {
                await users.DeleteAsync(sub.Id, CancellationToken.None);
                return 0;
            }
            // A password change goes through the Application API's PATCH (spec 04 §3.2), suspension through Aerie's extra.
            _ = change == "password"
                ? await users.ReplaceAsync(sub.Id, new UserDetails(sub.Email, sub.Username, "Sub", "User", Password: "another long password"), CancellationToken.None)
                : await users.SetSuspendedAsync(sub.Id, true, CancellationToken.None);
            return 0;
        });
        await AssertDeauthorizedAsync(Fixture.Node, sub, server);
    }

    [Fact]
    public async Task Revocation_AdminDemoted_DeauthorizedOnServersTheyDoNotOwn()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<UserService>().ReplaceAsync(admin.Id, new UserDetails(admin.Email, admin.Username, "Ad", "Min", RootAdmin: false), CancellationToken.None));
        await AssertDeauthorizedAsync(Fixture.Node, admin, server);
    }

    [Fact]
    public async Task Revocation_ServerSuspended_DeauthorizesEveryoneAndSyncs()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub);
        await Fixture.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ServerService>().SetSuspendedAsync(server.Id, true, CancellationToken.None);
            return 0;
        });
        await AssertDeauthorizedAsync(Fixture.Node, owner, server);
        await AssertDeauthorizedAsync(Fixture.Node, sub, server);
        // The node re-fetched the configuration from the panel and now holds the server suspended.
        var sync = await Fixture.Node.WaitForCallAsync(c => c.Path == $"/api/servers/{server.Uuid}/sync", Wait);
        Assert.Equal(204, sync.Status);
        Assert.True(Fixture.Node.ServerOf(server.Uuid).IsSuspended);
    }

    [Fact]
    public async Task Outbox_ServerCreatedAndDeleted_TellsTheNode()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        Assert.True(Fixture.Node.Knows(server.Uuid)); // learned through the remote API
        var create = await Fixture.Node.WaitForCallAsync(c => c.Method == "POST" && c.Path == "/api/servers" && c.Body.Contains(server.Uuid.ToString(), StringComparison.Ordinal), Wait);
        Assert.Equal(202, create.Status);
        using (var doc = JsonDocument.Parse(create.Body))
        {
            Assert.Equal(server.Uuid.ToString(), doc.RootElement.GetProperty("uuid").GetString());
        }
        await Fixture.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ServerService>().DeleteAsync(server.Id, force: false, CancellationToken.None);
            return 0;
        });
        var delete = await Fixture.Node.WaitForCallAsync(c => c.Method == "DELETE" && c.Path == $"/api/servers/{server.Uuid}", Wait);
        Assert.Equal(204, delete.Status);
        Assert.False(Fixture.Node.Knows(server.Uuid));
        await AssertDeauthorizedAsync(Fixture.Node, owner, server);
    }

    [Fact]
    public async Task Outbox_ServerDeletedBeforeDelivery_DropsItsCreationAndSyncs()
    {
        await using var down = await FaultyNodeStandIn.StartAsync(NodeFault.Down);
        var (panelNode, _) = await Fixture.CreateNodeAsync(down.Url);
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, panelNode.Id);
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<ServerService>().UpdateAsync(server.Uuid, new ServerRequest(Name: "renamed"), CancellationToken.None));
        await Fixture.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ServerService>().DeleteAsync(server.Id, force: true, CancellationToken.None);
            return 0;
        });
        // Only what still means something is left for the node: revocations and the DELETE.
        var paths = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Outbox.AsNoTracking().Where(m => m.NodeId == panelNode.Id).Select(m => m.Method + " " + m.Path).ToListAsync());
        Assert.Contains($"DELETE /api/servers/{server.Uuid}", paths);
        Assert.DoesNotContain("POST /api/servers", paths);
        Assert.DoesNotContain($"POST /api/servers/{server.Uuid}/sync", paths);
        // Every queued call about this server names it (the drop above matches on that column).
        var servers = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Outbox.AsNoTracking().Where(m => m.NodeId == panelNode.Id).Select(m => m.ServerUuid).ToListAsync());
        Assert.All(servers, s => Assert.Equal(server.Uuid, s));
    }

    [Fact]
    public async Task Revocation_NodeDown_RetriedAndDeliveredWhenBack()
    {
        await using var node = await Fixture.StartNodeAsync(reachable: false);
        var panelNode = node.PanelNode;
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, panelNode.Id);
        await node.AddServerAsync(server.Uuid);
        await Fixture.AddSubuserAsync(server, sub);
        await node.StopAsync();

        await RemoveSubuserAsync(Fixture.Panel.Services, server, sub);
        await WaitUntilAsync(() => PendingAttemptsAsync(Fixture.Panel.Services, panelNode.Id, a => a >= 2), "the outbox to retry");

        await node.ResumeAsync();
        await AssertDeauthorizedAsync(node, sub, server);
        await WaitUntilAsync(() => PendingAttemptsAsync(Fixture.Panel.Services, panelNode.Id, _ => false, emptyIsTrue: true), "the outbox to drain");
    }

    [Fact]
    public async Task Revocation_PendingMessages_SurvivePanelRestart()
    {
        await using var database = await Fixture.NewDatabaseAsync();
        await using var node = TestNode.Reserve();
        PanelNode panelNode;
        PanelUser sub;
        GameServer server;
        string panelUrl;
        await using (var first = await TestPanel.StartAsync(database.Options()))
        {
            panelUrl = first.Url;
            await using var scope = first.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var nodes = sp.GetRequiredService<NodeService>();
            panelNode = await nodes.CreateAsync(await nodes.UrlDetailsAsync("restart-node", node.Url, "https://node.example.com:8080", CancellationToken.None), CancellationToken.None);
            await node.JoinPanelAsync(first.Url, panelNode, sp.GetRequiredService<NodeSecrets>().TryUnprotect(panelNode.TokenSecretProtected)!);
            var users = sp.GetRequiredService<UserService>();
            var owner = await users.CreateAsync("restart-owner", "restart-owner@example.test", "long enough password", false, CancellationToken.None);
            sub = await users.CreateAsync("restart-sub", "restart-sub@example.test", "long enough password", false, CancellationToken.None);
            server = await sp.GetRequiredService<ServerProvisioning>().CreateRawAsync(new ServerRequest(Name: "restart", OwnerUuid: owner.Uuid, NodeId: panelNode.Id, Invocation: "run"), CancellationToken.None);
            await node.AddServerAsync(server.Uuid);
            await sp.GetRequiredService<SubuserService>().AddAsync(server, sub.Email, [], null, CancellationToken.None);
            await node.StopAsync();
            await RemoveSubuserAsync(first.Services, server, sub);
            await WaitUntilAsync(() => PendingAttemptsAsync(first.Services, panelNode.Id, a => a >= 1), "a first failed attempt");
        }

        // The panel comes back at the same address (the node's `remote`), the node after it.
        await using var second = await TestPanel.StartAsync(database.Options(panelUrl));
        await node.ResumeAsync();
        await node.AddServerAsync(server.Uuid);
        await AssertDeauthorizedAsync(node, sub, server);
        await WaitUntilAsync(() => PendingAttemptsAsync(second.Services, panelNode.Id, _ => false, emptyIsTrue: true), "the outbox to drain after restart");
    }

    private static async Task RemoveSubuserAsync(IServiceProvider services, GameServer server, PanelUser sub)
    {
        await using var scope = services.CreateAsyncScope();
        var s = await scope.ServiceProvider.GetRequiredService<ServerService>().FindAsync(server.Uuid, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<SubuserService>().RemoveAsync(s, sub.Uuid, CancellationToken.None);
    }

    /// <summary>True when some pending message for the node satisfies <paramref name="attempts"/> (or, with <paramref name="emptyIsTrue"/>, when none is left).</summary>
    private static async Task<bool> PendingAttemptsAsync(IServiceProvider services, int nodeId, Func<int, bool> attempts, bool emptyIsTrue = false)
    {
        await using var scope = services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<PanelDb>().Outbox.AsNoTracking().Where(m => m.NodeId == nodeId).Select(m => m.Attempts).ToListAsync();
        return rows.Count == 0 ? emptyIsTrue : rows.Any(attempts);
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        Eventually.TrueAsync(condition, what, Wait, poll: TimeSpan.FromMilliseconds(100));

    /// <summary>The panel sent the deauthorization, the real node acknowledged it, and the node now refuses the user's earlier tokens there (not later ones).</summary>
    private static async Task AssertDeauthorizedAsync(TestNode node, PanelUser user, GameServer server)
    {
        var call = await node.WaitForCallAsync(c => c.Path == "/api/deauthorize-user" && c.Status == 204 && c.Body.Contains(user.Uuid.ToString(), StringComparison.Ordinal), Wait);
        using var doc = JsonDocument.Parse(call.Body);
        Assert.Equal(user.Uuid.ToString(), doc.RootElement.GetProperty("user").GetString());
        Assert.Contains(server.Uuid.ToString(), doc.RootElement.GetProperty("servers").EnumerateArray().Select(e => e.GetString()));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.True(node.Refuses(user.Uuid, server.Uuid, issuedAt: now - 60), "the node still accepts a token issued before the revocation");
        Assert.False(node.Refuses(user.Uuid, server.Uuid, issuedAt: now + 60), "the node refuses tokens issued after the revocation too");
    }
}

public sealed class RevocationSqliteTests(SqlitePanelFixture f) : RevocationTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class RevocationPostgresTests(PostgresPanelFixture f) : RevocationTests(f), IClassFixture<PostgresPanelFixture>;
