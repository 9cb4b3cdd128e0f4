using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.Socket;
using Aerie.Panel.Credentials;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.EndToEnd;

/// <summary>
/// Panel ⇄ real node daemon, as a console client sees it: credentials from the panel's client API, the
/// console opened on the socket URL it returns, and revocation closing that console on the node.
/// Each test starts its own node whose public address is its real one, so the socket URL is reachable.
/// </summary>
public abstract class ConsoleEndToEndTests(PanelFixture fixture)
{
    // The bound: a removed subuser's open console is closed within a second of the removal.
    private static readonly TimeSpan RevocationBound = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task Console_CredentialsFromPanel_RealNodeAcceptsToken()
    {
        await using var node = await Fixture.StartNodeAsync(reachable: true);
        var (_, sub, server) = await ServerWithSubuserAsync(node, Permission.ControlConsole);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(sub));
        var (token, socketUrl) = await CredentialsRequests.GetAsync(client, server.Identifier);

        Assert.Equal($"ws://127.0.0.1:{node.Port}/api/servers/{server.Uuid}/ws", socketUrl);
        var preflight = Assert.Single(node.Calls, c => c.Method == "GET" && c.Path == $"/api/servers/{server.Uuid}");
        Assert.Equal(200, preflight.Status);
        await using var console = await ConsoleClient.ConnectAsync(socketUrl);
        await console.SendAsync(SocketEvents.Auth, token);
        await console.WaitForAsync(SocketEvents.AuthSuccess);
        var status = await console.WaitForAsync(SocketEvents.Status);
        Assert.Equal(ServerStates.Offline, Assert.Single(status.Args!));
    }

    [Fact]
    public async Task Console_NodeLostServer_Returns200Unavailable()
    {
        await using var node = await Fixture.StartNodeAsync(reachable: true);
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, node.PanelNode.Id);
        await node.ForgetServerAsync(server.Uuid);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));

        using var response = await client.GetAsync(CredentialsRequests.Route(server.Identifier));
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("unavailable").GetBoolean());
        Assert.Equal(server.Uuid.ToString(), body.GetProperty("diagnostics").GetProperty("serverUuid").GetString());
        Assert.False(body.TryGetProperty("token", out _));
        var preflight = Assert.Single(node.Calls, c => c.Method == "GET" && c.Path == $"/api/servers/{server.Uuid}");
        Assert.Equal(404, preflight.Status);
    }

    [Fact]
    public async Task Console_SubuserRemoved_ClosedWithinASecondAndTokenRefused()
    {
        await using var node = await Fixture.StartNodeAsync(reachable: true);
        var (owner, sub, server) = await ServerWithSubuserAsync(node, Permission.ControlConsole);
        var (token, socketUrl) = await CredentialsAsync(sub, server);
        await using var console = await OpenAuthenticatedAsync(socketUrl, token);

        using var ownerClient = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        using var removed = await ownerClient.DeleteAsync($"/api/client/servers/{server.Identifier}/users/{sub.Uuid}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, (await console.WaitForCloseAsync(RevocationBound)).Status);
        await AssertRefusedAsync(socketUrl, token);
    }

    [Fact]
    public async Task Console_SubuserPermissionsChanged_ClosedWithinASecondAndNewTokenWorks()
    {
        await using var node = await Fixture.StartNodeAsync(reachable: true);
        var (owner, sub, server) = await ServerWithSubuserAsync(node, Permission.ControlConsole);
        var (token, socketUrl) = await CredentialsAsync(sub, server);
        await using var console = await OpenAuthenticatedAsync(socketUrl, token);

        using var ownerClient = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        using var changed = await ownerClient.PostAsJsonAsync($"/api/client/servers/{server.Identifier}/users/{sub.Uuid}", new { permissions = new[] { Permission.ControlStart } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, (await console.WaitForCloseAsync(RevocationBound)).Status);
        await AssertRefusedAsync(socketUrl, token);
        // Tokens carry whole seconds and the node refuses those issued at or before the revocation:
        // a token minted in a later second, with the new permissions, opens the console again.
        await NextSecondAsync();
        var (fresh, _) = await CredentialsAsync(sub, server);
        await using var again = await OpenAuthenticatedAsync(socketUrl, fresh);
    }

    [Fact]
    public async Task Console_SubuserRemovedWhileNodeDown_DeliveredWhenNodeIsBack()
    {
        await using var node = await Fixture.StartNodeAsync(reachable: true);
        var (owner, sub, server) = await ServerWithSubuserAsync(node, Permission.ControlConsole);
        var (subToken, socketUrl) = await CredentialsAsync(sub, server);
        var (ownerToken, _) = await CredentialsAsync(owner, server);
        await using (var console = await OpenAuthenticatedAsync(socketUrl, subToken))
        {
            await node.StopAsync();
            await console.WaitForCloseAsync(Wait);
        }

        using var ownerClient = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        using var removed = await ownerClient.DeleteAsync($"/api/client/servers/{server.Identifier}/users/{sub.Uuid}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await WaitUntilAsync(() => OutboxAttemptsAsync(node.PanelNode.Id, a => a >= 2), "the panel to retry the unreachable node");

        await node.ResumeAsync();
        await node.WaitForCallAsync(c => c.Path == "/api/deauthorize-user" && c.Status == 204 && c.Body.Contains(sub.Uuid.ToString(), StringComparison.Ordinal), Wait);
        await node.AddServerAsync(server.Uuid); // booted from the panel's listing
        await AssertRefusedAsync(socketUrl, subToken);
        // Only the removed subuser: the owner's token from before the outage still opens the console.
        await using var ownerConsole = await OpenAuthenticatedAsync(socketUrl, ownerToken);
        await WaitUntilAsync(() => OutboxAttemptsAsync(node.PanelNode.Id, _ => false, emptyIsTrue: true), "the panel's queue to drain");
    }

    private async Task<(PanelUser Owner, PanelUser Sub, GameServer Server)> ServerWithSubuserAsync(TestNode node, params string[] permissions)
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, node.PanelNode.Id);
        await node.AddServerAsync(server.Uuid);
        await Fixture.AddSubuserAsync(server, sub, permissions);
        return (owner, sub, server);
    }

    private async Task<(string Token, string Socket)> CredentialsAsync(PanelUser user, GameServer server)
    {
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        return await CredentialsRequests.GetAsync(client, server.Identifier);
    }

    /// <summary>Opens the console with <c>?token=</c> and waits for the node's <c>auth success</c>.</summary>
    private static async Task<ConsoleClient> OpenAuthenticatedAsync(string socketUrl, string token)
    {
        var console = await ConsoleClient.ConnectAsync(socketUrl, token);
        try
        {
            await console.WaitForAsync(SocketEvents.AuthSuccess);
            return console;
        }
        catch
        {
            await console.DisposeAsync();
            throw;
        }
    }

    /// <summary>The node refuses the token on a new socket (sent with <c>auth</c>) as revoked.</summary>
    private static async Task AssertRefusedAsync(string socketUrl, string token)
    {
        await using var console = await ConsoleClient.ConnectAsync(socketUrl);
        await console.SendAsync(SocketEvents.Auth, token);
        var error = await console.WaitForAsync(SocketEvents.JwtError);
        Assert.Contains(SocketErrors.Denylisted, Assert.Single(error.Args!), StringComparison.Ordinal);
    }

    private static Task NextSecondAsync()
    {
        var second = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Eventually.TrueAsync(() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() != second, "the next wall-clock second", TimeSpan.FromSeconds(2));
    }

    /// <summary>True when some queued message for the node satisfies <paramref name="attempts"/> (or, with <paramref name="emptyIsTrue"/>, when none is left).</summary>
    private Task<bool> OutboxAttemptsAsync(int nodeId, Func<int, bool> attempts, bool emptyIsTrue = false) =>
        Fixture.WithScopeAsync(async sp =>
        {
            var rows = await sp.GetRequiredService<PanelDb>().Outbox.AsNoTracking().Where(m => m.NodeId == nodeId).Select(m => m.Attempts).ToListAsync();
            return rows.Count == 0 ? emptyIsTrue : rows.Any(attempts);
        });

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        Eventually.TrueAsync(condition, what, Wait, poll: TimeSpan.FromMilliseconds(50));
}

public sealed class ConsoleEndToEndSqliteTests(SqlitePanelFixture f) : ConsoleEndToEndTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ConsoleEndToEndPostgresTests(PostgresPanelFixture f) : ConsoleEndToEndTests(f), IClassFixture<PostgresPanelFixture>;
