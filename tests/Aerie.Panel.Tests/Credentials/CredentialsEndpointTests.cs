using System.Net;
using System.Text.Json;
using Aerie.Contracts.PanelApi;
using Aerie.Contracts.Permissions;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Credentials;

/// <summary>Spec 01, row by row. Runs once per database (see the Sqlite/Postgres subclasses).</summary>
public abstract class CredentialsEndpointTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    private static string Route(string server) => CredentialsRequests.Route(server);

    [Theory]
    [InlineData("/api/client/servers//websocket")]
    [InlineData("/api/client/servers/%20%20/websocket")]
    public async Task Credentials_EmptyIdentifier_Returns400BeforeAuth(string path)
    {
        using var client = Fixture.Panel.Client();
        using var response = await client.GetAsync(path);
        await CredentialsRequests.AssertErrorAsync(response, 400, CredentialsMessages.MissingIdentifier);
    }

    [Fact]
    public async Task Credentials_NoCredentials_Returns401()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.Panel.Client();
        using var response = await client.GetAsync(Route(server.Identifier));
        await CredentialsRequests.AssertErrorAsync(response, 401, CredentialsMessages.Unauthenticated);
    }

    [Fact]
    public async Task Credentials_BogusCookieOrKey_Returns401()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var cookieClient = Fixture.Panel.Client();
        cookieClient.DefaultRequestHeaders.Add("Cookie", "session=not-a-session");
        await CredentialsRequests.AssertErrorAsync(await cookieClient.GetAsync(Route(server.Identifier)), 401, CredentialsMessages.Unauthenticated);
        using var keyClient = Fixture.ApiKeyClient("ptlc_" + new string('x', 43));
        await CredentialsRequests.AssertErrorAsync(await keyClient.GetAsync(Route(server.Identifier)), 401, CredentialsMessages.Unauthenticated);
    }

    [Fact]
    public async Task Credentials_UnknownServer_Returns404()
    {
        var (user, _) = await Fixture.CreateUserAsync();
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(Guid.NewGuid().ToString())), 404, CredentialsMessages.NotFound);
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route("zzzzzzzz")), 404, CredentialsMessages.NotFound);
    }

    [Fact]
    public async Task Credentials_StrangerOnExistingServer_Returns404()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (stranger, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(stranger));
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Uuid.ToString())), 404, CredentialsMessages.NotFound);
    }

    [Fact]
    public async Task Credentials_SubuserWithoutWebsocketConnect_Returns403()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub, Permission.ControlConsole);
        // The API always adds websocket.connect; a stored list without it (older data, manual edit) must still be refused.
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Subusers
            .Where(s => s.ServerUuid == server.Uuid && s.UserId == sub.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.PermissionsJson, "[\"control.console\"]")));
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(sub));
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 403, CredentialsMessages.Forbidden);
    }

    [Fact]
    public async Task Credentials_SuspendedServer_Returns409()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await SetServerAsync(server.Uuid, s => s.SetProperty(x => x.Suspended, true));
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 409, CredentialsMessages.Suspended);
    }

    [Fact]
    public async Task Credentials_RateLimit_Returns429WithRetryAfterPerUserAndServer()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub);
        using var ownerClient = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        for (var i = 0; i < Fixture.Panel.Options.CredentialsPerMinute; i++)
        {
            using var ok = await ownerClient.GetAsync(Route(server.Identifier));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var limited = await ownerClient.GetAsync(Route(server.Identifier));
        var retry = limited.Headers.RetryAfter?.Delta;
        await CredentialsRequests.AssertErrorAsync(limited, 429, CredentialsMessages.TooManyRequests);
        Assert.NotNull(retry);
        Assert.InRange(retry.Value.TotalSeconds, 1, 60);

        using var subClient = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(sub));
        using var other = await subClient.GetAsync(Route(server.Identifier));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Credentials_ServerWithoutNode_Returns500()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await SetServerAsync(server.Uuid, s => s.SetProperty(x => x.NodeId, (int?)null));
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 500, CredentialsMessages.NoNode);
    }

    [Fact]
    public async Task Credentials_NodeSecretUndecryptable_Returns500()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (node, _) = await Fixture.CreateNodeAsync(Fixture.Node.Url);
        var server = await Fixture.CreateServerAsync(owner, node.Id);
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Nodes.Where(n => n.Id == node.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.TokenSecretProtected, "garbage")));
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 500, CredentialsMessages.NoNode);
    }

    [Theory]
    [InlineData(NodeFault.Down, "Connection refused")]
    [InlineData(NodeFault.Slow, "did not answer within")]
    [InlineData(NodeFault.Garbage, "unreadable body")]
    [InlineData(NodeFault.ServerError, "Node answered 500")]
    public async Task Credentials_PreflightFails_Returns502WithReason(NodeFault fault, string reason)
    {
        await using var faulty = await FaultyNodeStandIn.StartAsync(fault);
        var (owner, _) = await Fixture.CreateUserAsync();
        var (node, _) = await Fixture.CreateNodeAsync(faulty.Url);
        var server = await Fixture.CreateServerAsync(owner, node.Id);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        var started = DateTime.UtcNow;
        using var response = await client.GetAsync(Route(server.Identifier));
        var body = await CredentialsRequests.AssertErrorAsync(response, 502, null);
        Assert.StartsWith(CredentialsMessages.PreflightFailedPrefix, body.Message, StringComparison.Ordinal);
        Assert.Contains(reason, body.Message, StringComparison.Ordinal);
        // Bounded: the 3 s preflight timeout, not the slow node's 30 s.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the caller was held too long");
    }

    [Fact]
    public async Task Credentials_NodeDoesNotKnowServer_Returns200Unavailable()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, onNode: false);
        await SetServerAsync(server.Uuid, s => s.SetProperty(x => x.Status, "installing"));
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        using var response = await client.GetAsync(Route(server.Identifier));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        Assert.True(root.GetProperty("unavailable").GetBoolean());
        Assert.Equal("Server is not available on the assigned Wings node", root.GetProperty("message").GetString());
        var d = root.GetProperty("diagnostics");
        Assert.Equal("404: The requested resource does not exist on this instance", d.GetProperty("error").GetString());
        Assert.Equal(server.Uuid.ToString(), d.GetProperty("serverUuid").GetString());
        Assert.Equal(server.Identifier, d.GetProperty("serverIdentifier").GetString());
        Assert.Equal(Fixture.PanelNode.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), d.GetProperty("nodeId").GetString());
        Assert.Equal("installing", d.GetProperty("serverStatus").GetString());
        Assert.False(root.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task Credentials_Success_HasBothShapesAndSocketUrl()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        var (token, socket) = await CredentialsRequests.GetAsync(client, server.Identifier);
        Assert.Equal($"wss://node.example.com:8080/api/servers/{server.Uuid}/ws", socket);
        Assert.Equal(3, token.Split('.').Length);
    }

    [Fact]
    public async Task Credentials_HttpNode_UsesWsSchemeAndPublicAddress()
    {
        await using var httpNode = TestNode.Reserve();
        var (owner, _) = await Fixture.CreateUserAsync();
        var (node, secret) = await Fixture.CreateNodeAsync(httpNode.Url, publicScheme: "http", publicHost: "10.1.2.3", publicPort: 80);
        await httpNode.JoinPanelAsync(Fixture.Panel.Url, node, secret);
        var server = await Fixture.CreateServerAsync(owner, node.Id);
        await httpNode.AddServerAsync(server.Uuid);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        var (_, socket) = await CredentialsRequests.GetAsync(client, server.Identifier);
        Assert.Equal($"ws://10.1.2.3:80/api/servers/{server.Uuid}/ws", socket);
    }

    [Fact]
    public async Task Credentials_NodeRefusesSecret_Returns502()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        // A second panel node pointing at the shared test node: its secret is not the one the node accepts.
        var (node, _) = await Fixture.CreateNodeAsync(Fixture.Node.Url);
        var server = await Fixture.CreateServerAsync(owner, node.Id);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        var body = await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 502, null);
        Assert.Equal(CredentialsMessages.PreflightFailedPrefix + "Node answered 403", body.Message);
    }

    [Fact]
    public async Task Credentials_UuidAndIdentifier_BothResolve()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        var (_, byUuid) = await CredentialsRequests.GetAsync(client, server.Uuid.ToString());
        var (_, byId) = await CredentialsRequests.GetAsync(client, server.Identifier);
        Assert.Equal(byUuid, byId);
        Assert.Equal(server.Uuid.ToString("N")[..8], server.Identifier);
    }

    [Fact]
    public async Task Credentials_SessionCookie_Authenticates()
    {
        var (owner, password) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = await Fixture.LoginAsync(owner, password);
        var (token, _) = await CredentialsRequests.GetAsync(client, server.Uuid.ToString());
        Assert.NotEmpty(token);
    }

    [Fact]
    public async Task Credentials_ExpiredKey_Returns401()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var key = await Fixture.CreateApiKeyAsync(owner, expiresAt: DateTimeOffset.UtcNow.AddMinutes(5));
        var identifier = key[..16];
        await Fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var row = await db.ApiKeys.SingleAsync(k => k.Identifier == identifier);
            row.ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1);
            return await db.SaveChangesAsync();
        });
        using var client = Fixture.ApiKeyClient(key);
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 401, CredentialsMessages.Unauthenticated);
    }

    [Fact]
    public async Task Credentials_KeyIpAllowList_RefusesOtherIpsAndAcceptsListedOnes()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var refused = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner, allowedIps: ["203.0.113.7", "10.0.0.0/8"]));
        // Spec 04 §1.2: a good key from an address it does not allow is a 403 naming the address.
        await CredentialsRequests.AssertErrorAsync(await refused.GetAsync(Route(server.Identifier)), 403,
            "This IP address (127.0.0.1) does not have permission to access the API using these credentials.");
        using var allowed = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner, allowedIps: ["127.0.0.0/8"]));
        using var ok = await allowed.GetAsync(Route(server.Identifier));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Credentials_RevokedKey_Returns401()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var key = await Fixture.CreateApiKeyAsync(owner);
        using var client = Fixture.ApiKeyClient(key);
        using (var ok = await client.GetAsync(Route(server.Identifier)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using (var revoke = await client.DeleteAsync($"/api/client/account/api-keys/{key[..16]}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(Route(server.Identifier)), 401, CredentialsMessages.Unauthenticated);
    }

    [Fact]
    public async Task Credentials_Issued_WritesAuditEntry()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        client.DefaultRequestHeaders.UserAgent.ParseAdd("AuditTest/1.0");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await CredentialsRequests.GetAsync(client, server.Identifier);
        var row = Assert.Single(await Fixture.WaitForActivityAsync(server.Uuid, 1));
        Assert.Equal("server:console.credentials", row.Event);
        Assert.Equal(owner.Uuid, row.UserUuid);
        Assert.Equal("127.0.0.1", row.Ip);
        Assert.Equal("AuditTest/1.0", row.UserAgent);
        Assert.InRange(row.Timestamp, before, DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task Credentials_ConcurrentColdRequests_AskTheNodeOnce()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        // Five at once (the fixture's per-minute limit) on a cold cache: they share one preflight.
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CredentialsRequests.GetAsync(client, server.Identifier)));
        Assert.Single(Fixture.Node.Calls, c => c.Method == "GET" && c.Path == $"/api/servers/{server.Uuid}");
    }

    [Fact]
    public async Task Credentials_PreflightCache_SkipsNodeUntilServerChanges()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        var path = $"/api/servers/{server.Uuid}";
        await CredentialsRequests.GetAsync(client, server.Identifier);
        await CredentialsRequests.GetAsync(client, server.Identifier);
        Assert.Single(Fixture.Node.Calls, c => c.Method == "GET" && c.Path == path);
        await SetServerAsync(server.Uuid, s => s.SetProperty(x => x.Stamp, Guid.NewGuid()));
        await CredentialsRequests.GetAsync(client, server.Identifier);
        Assert.Equal(2, Fixture.Node.Calls.Count(c => c.Method == "GET" && c.Path == path));
        Assert.All(Fixture.Node.Calls.Where(c => c.Method == "GET" && c.Path == path), c => Assert.Equal("Bearer " + Fixture.NodeSecret, c.Authorization));
    }

    internal Task<int> SetServerAsync(Guid uuid, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<GameServer>> set) =>
        Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Servers.Where(s => s.Uuid == uuid).ExecuteUpdateAsync(set));
}
