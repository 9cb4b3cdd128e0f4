using System.Net;
using System.Text.Json;
using Aerie.Contracts.Socket;
using Aerie.Contracts.Tokens;
using Aerie.Panel.Credentials;
using Aerie.Panel.Data;
using Aerie.Panel.NodeCalls;
using Aerie.Panel.Servers;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Panel.Tests.Revocation;

/// <summary>Issue 10's revocation rules end to end: one clock domain (the panel's), revocations never queued behind
/// lifecycle calls, and logout, key deletion and session or key expiry ending the console tokens minted through them.</summary>
public abstract class ConsoleAccessRevocationTests(PanelFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task Revocation_SlowNodeClock_TokenMintedJustBeforeIsRefused()
    {
        // 100 s slow: by its own clock the node would date the revocation before the token's iat.
        await using var node = await Fixture.StartNodeAsync(reachable: false, new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(100)));
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, node.PanelNode.Id);
        await node.AddServerAsync(server.Uuid);
        await Fixture.AddSubuserAsync(server, sub);
        using var subClient = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(sub));
        var (token, _) = await CredentialsRequests.GetAsync(subClient, server.Identifier);
        Assert.Equal(SocketEvents.AuthSuccess, await AuthOutcomeAsync(node, server.Uuid, token));

        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var ownerClient = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        using (var removed = await ownerClient.DeleteAsync($"/api/client/servers/{server.Identifier}/users/{sub.Uuid}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        // Both calls carry the panel's clock ...
        var deauthorize = await node.WaitForCallAsync(c => c.Path == NodeCallPaths.Deauthorize && c.Status == 204 && c.Body.Contains(sub.Uuid.ToString(), StringComparison.Ordinal), Wait);
        Assert.InRange(RevokedAt(deauthorize.Body), before, after);
        var deny = await node.WaitForCallAsync(c => c.Path == NodeCallPaths.Deny(server.Uuid) && c.Status == 204, Wait);
        Assert.InRange(RevokedAt(deny.Body), before, after);
        // ... and the node judges the token by it.
        Assert.Equal(SocketEvents.JwtError, await AuthOutcomeAsync(node, server.Uuid, token));
    }

    [Fact]
    public async Task Outbox_CreateRefusedAheadOfRevocation_RevocationStillDelivered()
    {
        await using var standIn = await FaultyNodeStandIn.StartAsync(NodeFault.RefusesLifecycle);
        var (panelNode, _) = await Fixture.CreateNodeAsync(standIn.Url);
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, panelNode.Id);
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<ServerService>().UpdateAsync(server.Uuid, new ServerRequest(Name: "renamed"), CancellationToken.None));
        await Fixture.AddSubuserAsync(server, sub);
        using var ownerClient = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        using (var removed = await ownerClient.DeleteAsync($"/api/client/servers/{server.Identifier}/users/{sub.Uuid}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        await Eventually.TrueAsync(() => Task.FromResult(
                standIn.Requests.Contains($"POST {NodeCallPaths.Deauthorize} 204") && standIn.Requests.Contains($"POST {NodeCallPaths.Deny(server.Uuid)} 204")),
            "the revocations to reach the node while its create keeps failing", Wait, poll: TimeSpan.FromMilliseconds(100));
        // The create is still queued and retried; the sync behind it was never tried out of order.
        Assert.Contains("POST /api/servers 502", standIn.Requests);
        Assert.DoesNotContain(standIn.Requests, r => r.Contains("/sync", StringComparison.Ordinal));
        // The node answered before the panel deleted the delivered rows: wait for that delete, then only the lifecycle lane is left.
        string[] expected = ["/api/servers", $"/api/servers/{server.Uuid}/sync"];
        List<string> pending = [];
        await Eventually.TrueAsync(async () =>
            {
                pending = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Outbox.AsNoTracking()
                    .Where(m => m.NodeId == panelNode.Id).OrderBy(m => m.Id).Select(m => m.Path).ToListAsync());
                return pending.Count <= expected.Length;
            }, "the delivered revocations to leave the outbox", Wait, poll: TimeSpan.FromMilliseconds(100));
        Assert.Equal(expected, pending);
    }

    [Fact]
    public async Task Logout_RevokesThatSessionsConsoleTokens_NotOtherSessions()
    {
        var (owner, password) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var leaving = await Fixture.LoginAsync(owner, password);
        using var staying = await Fixture.LoginAsync(owner, password);
        var (leavingToken, _) = await CredentialsRequests.GetAsync(leaving, server.Identifier);
        var (stayingToken, _) = await CredentialsRequests.GetAsync(staying, server.Identifier);
        Assert.StartsWith("session:", Claim(leavingToken, TokenClaims.Grant), StringComparison.Ordinal);
        await using var open = await ConsoleClient.ConnectAsync(Fixture.Node.SocketUri(server.Uuid.ToString()));
        await open.AuthenticateAsync(leavingToken);

        using (var logout = await leaving.PostAsync("/auth/logout", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        var call = await Fixture.Node.WaitForCallAsync(c => c.Path == NodeCallPaths.Deauthorize && c.Status == 204
            && c.Body.Contains(Claim(leavingToken, TokenClaims.Grant), StringComparison.Ordinal), Wait);
        Assert.Contains(server.Uuid.ToString(), call.Body, StringComparison.Ordinal);
        var (_, reason) = await open.WaitForCloseAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(SocketCloseCodes.RevokedReason, reason);
        Assert.Equal(SocketEvents.JwtError, await AuthOutcomeAsync(Fixture.Node, server.Uuid, leavingToken));
        Assert.Equal(SocketEvents.AuthSuccess, await AuthOutcomeAsync(Fixture.Node, server.Uuid, stayingToken));
    }

    [Fact]
    public async Task ApiKeyDeleted_RevokesItsConsoleTokens_NotAnotherKeys()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var deletedKey = await Fixture.CreateApiKeyAsync(owner);
        using var deleted = Fixture.ApiKeyClient(deletedKey);
        using var kept = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        var (deletedToken, _) = await CredentialsRequests.GetAsync(deleted, server.Identifier);
        var (keptToken, _) = await CredentialsRequests.GetAsync(kept, server.Identifier);
        var grant = Claim(deletedToken, TokenClaims.Grant);
        Assert.StartsWith("key:", grant, StringComparison.Ordinal);

        using (var response = await kept.DeleteAsync($"/api/client/account/api-keys/{grant["key:".Length..]}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        await Fixture.Node.WaitForCallAsync(c => c.Path == NodeCallPaths.Deauthorize && c.Status == 204 && c.Body.Contains(grant, StringComparison.Ordinal), Wait);
        Assert.Equal(SocketEvents.JwtError, await AuthOutcomeAsync(Fixture.Node, server.Uuid, deletedToken));
        Assert.Equal(SocketEvents.AuthSuccess, await AuthOutcomeAsync(Fixture.Node, server.Uuid, keptToken));
    }

    [Fact]
    public async Task KeyExpiringSoon_TokenExpiresWithTheKey()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var keyEnd = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 30);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner, expiresAt: keyEnd));
        var (token, _) = await CredentialsRequests.GetAsync(client, server.Identifier);
        // The TTL is 90 s; the key ends in 30.
        Assert.Equal(keyEnd.ToUnixTimeSeconds(), Payload(token).GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task SessionExpiringSoon_TokenExpiresWithTheSession()
    {
        var (owner, password) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = await Fixture.LoginAsync(owner, password);
        var sessionEnd = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 30;
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Sessions.Where(s => s.UserId == owner.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAtUnixMs, sessionEnd * 1000)));
        var (token, _) = await CredentialsRequests.GetAsync(client, server.Identifier);
        Assert.Equal(sessionEnd, Payload(token).GetProperty("exp").GetInt64());
    }

    // The first answer to an auth: `auth success` or `jwt error` (which also checks the denylist string).
    private static async Task<string> AuthOutcomeAsync(TestNode node, Guid server, string token)
    {
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri(server.ToString()));
        await client.AuthAsync(token);
        var frame = await client.NextAsync() ?? throw new InvalidOperationException("the node closed the socket without answering the auth");
        if (frame.Event == SocketEvents.JwtError)
        {
            Assert.Equal([SocketErrors.ErrorEvent(server.ToString(), SocketErrors.Denylisted)], frame.Args);
        }
        return frame.Event;
    }

    private static long RevokedAt(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("revoked_at").GetInt64();
    }

    private static string Claim(string jwt, string name) => new JsonWebToken(jwt).GetClaim(name).Value;

    private static JsonElement Payload(string jwt) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1])).RootElement;
}

public sealed class ConsoleAccessRevocationSqliteTests(SqlitePanelFixture f) : ConsoleAccessRevocationTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ConsoleAccessRevocationPostgresTests(PostgresPanelFixture f) : ConsoleAccessRevocationTests(f), IClassFixture<PostgresPanelFixture>;
