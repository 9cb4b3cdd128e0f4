using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Events;
using Aerie.Node.Servers;
using Aerie.Node.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Node.Tests.Functional;

public sealed class RevocationTests
{
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static async Task<string?> AuthErrorAsync(TestNode node, string token)
    {
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthAsync(token);
        var frame = await client.NextAsync();
        return frame!.Event == SocketEvents.JwtError ? frame.Args![0] : null;
    }

    [Fact]
    public async Task DenyJti_RefusesTokensIssuedBefore_AcceptsLaterOnes()
    {
        await using var node = await TestNode.StartAsync();
        var old = node.Tokens.Mint(node.ServerUuid, iat: Now - 5);
        await using var open = await ConsoleClient.ConnectAsync(node.SocketUri());
        await open.AuthenticateAsync(old);
        var jti = node.Tokens.Mint(node.ServerUuid).Split('.') is var _ ? JtiOf(old) : "";
        using var response = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/ws/deny", new DenyRequest([jti]));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await AuthErrorAsync(node, old));
        // the open socket's next message is refused too
        await open.SendAsync(SocketEvents.SendStats);
        var error = await open.WaitForAsync(SocketEvents.JwtError);
        Assert.Equal(SocketErrors.Denylisted, error.Args![0]);
        // a token minted after the deny works
        Assert.Null(await AuthErrorAsync(node, node.Tokens.Mint(node.ServerUuid, iat: Now + 2)));
    }

    [Fact]
    public async Task DeauthorizeUser_ClosesOnlyThatUsersSockets_AndRefusesTheirTokens()
    {
        await using var node = await TestNode.StartAsync();
        var alice = Guid.NewGuid().ToString();
        var bob = Guid.NewGuid().ToString();
        var aliceToken = node.Tokens.Mint(node.ServerUuid, userUuid: alice, iat: Now - 5);
        await using var aliceSocket = await ConsoleClient.ConnectAsync(node.SocketUri());
        await aliceSocket.AuthenticateAsync(aliceToken);
        await using var bobSocket = await node.ConsoleAsync(userUuid: bob);

        using var response = await node.Http.PostAsJsonAsync("/api/deauthorize-user", new DeauthorizeUserRequest(alice, [node.ServerUuid]));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        await aliceSocket.WaitForCloseAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await AuthErrorAsync(node, aliceToken));
        await bobSocket.SendAsync(SocketEvents.SendStats);
        await bobSocket.WaitForAsync(SocketEvents.Stats);
    }

    [Fact]
    public async Task DeauthorizeUser_EmptyServerList_AppliesToAllServers()
    {
        await using var node = await TestNode.StartAsync();
        var user = Guid.NewGuid().ToString();
        var token = node.Tokens.Mint(node.ServerUuid, userUuid: user, iat: Now - 5);
        using var response = await node.Http.PostAsJsonAsync("/api/deauthorize-user", new DeauthorizeUserRequest(user, []));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await AuthErrorAsync(node, token));
    }

    [Fact]
    public async Task Revocations_SurviveDaemonRestart_ValidTokensStillWork()
    {
        var config = TestNode.NewConfig();
        var data = config.System.Data;
        var server = config.Servers[0];
        var user = Guid.NewGuid().ToString();
        string denied, deauthorized, untouched;
        await using (var first = await TestNode.StartAsync(c => c.Servers = [server], data))
        {
            denied = first.Tokens.Mint(server.Uuid, iat: Now - 5, jti: "deny-me");
            deauthorized = first.Tokens.Mint(server.Uuid, iat: Now - 5, userUuid: user);
            untouched = first.Tokens.Mint(server.Uuid, iat: Now - 5);
            (await first.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/ws/deny", new DenyRequest(["deny-me"]))).Dispose();
            (await first.Http.PostAsJsonAsync("/api/deauthorize-user", new DeauthorizeUserRequest(user, []))).Dispose();
        }
        try
        {
            await using var second = await TestNode.StartAsync(c => c.Servers = [server], data);
            Assert.Equal(SocketErrors.ErrorEvent(server.Uuid, SocketErrors.Denylisted), await AuthErrorAsync(second, denied));
            Assert.Equal(SocketErrors.ErrorEvent(server.Uuid, SocketErrors.Denylisted), await AuthErrorAsync(second, deauthorized));
            // beyond Wings: a still-valid token issued before the restart keeps working
            Assert.Null(await AuthErrorAsync(second, untouched));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task DenyBeforeBoot_WingsRule_RefusesOlderTokens()
    {
        await using var node = await TestNode.StartAsync(c => c.Tokens.DenyBeforeBoot = true);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await AuthErrorAsync(node, node.Tokens.Mint(node.ServerUuid, iat: Now - 30)));
        Assert.Null(await AuthErrorAsync(node, node.Tokens.Mint(node.ServerUuid, iat: Now + 2)));
    }

    // The node's clock runs 100 s slow: by its own clock a token minted 5 s before the revocation looks younger than
    // the revocation, so only the panel's timestamp (`revoked_at`, the clock that minted `iat`) refuses it.
    private static readonly TimeSpan SlowBy = TimeSpan.FromSeconds(100);

    [Fact]
    public async Task DenyJti_SlowNodeClock_PanelTimestampRefusesTokenMintedJustBefore()
    {
        await using var node = await TestNode.StartAsync(time: new FakeTimeProvider(DateTimeOffset.UtcNow - SlowBy));
        var panelNow = Now;
        var before = node.Tokens.Mint(node.ServerUuid, iat: panelNow - 5, jti: "slow-clock");
        using var response = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/ws/deny", new DenyRequest(["slow-clock"], panelNow));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await AuthErrorAsync(node, before));
        Assert.Null(await AuthErrorAsync(node, node.Tokens.Mint(node.ServerUuid, iat: panelNow + 1, jti: "slow-clock")));
    }

    [Fact]
    public async Task DeauthorizeUser_SlowNodeClock_PanelTimestampRefusesTokenMintedJustBefore()
    {
        await using var node = await TestNode.StartAsync(time: new FakeTimeProvider(DateTimeOffset.UtcNow - SlowBy));
        var user = Guid.NewGuid().ToString();
        var panelNow = Now;
        var before = node.Tokens.Mint(node.ServerUuid, userUuid: user, iat: panelNow - 5);
        await using var open = await ConsoleClient.ConnectAsync(node.SocketUri());
        await open.AuthenticateAsync(before);
        using var response = await node.Http.PostAsJsonAsync("/api/deauthorize-user", new DeauthorizeUserRequest(user, [node.ServerUuid], panelNow));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var (status, reason) = await open.WaitForCloseAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal(SocketCloseCodes.RevokedReason, reason);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await AuthErrorAsync(node, before));
        Assert.Null(await AuthErrorAsync(node, node.Tokens.Mint(node.ServerUuid, userUuid: user, iat: panelNow + 1)));
    }

    [Fact]
    public async Task Revocation_OlderTimestampArrivingLate_NeverShortensANewerOne()
    {
        await using var node = await TestNode.StartAsync();
        var t = Now;
        (await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/ws/deny", new DenyRequest(["late"], t))).Dispose();
        (await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/ws/deny", new DenyRequest(["late"], t - 30))).Dispose();
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await AuthErrorAsync(node, node.Tokens.Mint(node.ServerUuid, iat: t - 5, jti: "late")));
    }

    [Fact]
    public async Task DenyJti_OpenSocket_GetsNoMoreFramesAfterRevocation()
    {
        await using var node = await TestNode.StartAsync();
        var watcher = Guid.NewGuid().ToString();
        var denied = node.Tokens.Mint(node.ServerUuid, userUuid: watcher, iat: Now - 5);
        await using var revoked = await ConsoleClient.ConnectAsync(node.SocketUri());
        await revoked.AuthenticateAsync(denied);
        await using var other = await node.ConsoleAsync(userUuid: Guid.NewGuid().ToString());
        node.Server.Frames.Publish(FrameEncoder.Frame(SocketEvents.DaemonMessage, null, "before"));
        await revoked.WaitForAsync(SocketEvents.DaemonMessage);

        using var response = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/ws/deny", new DenyRequest([JtiOf(denied)], Now));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        // Told once, with the string that makes consoles fetch new credentials ...
        Assert.Equal([SocketErrors.Denylisted], (await revoked.WaitForAsync(SocketEvents.JwtError)).Args);
        var afterDeny = revoked.Received.Count;
        for (var i = 0; i < 5; i++)
        {
            node.Server.Frames.Publish(FrameEncoder.Frame(SocketEvents.DaemonMessage, null, "after " + i));
            node.Server.Frames.Publish(ServerFrames.Console("line " + i));
        }
        // ... then nothing: the other socket proves the frames went out.
        await other.WaitForAsync(SocketEvents.DaemonMessage, f => f.Args![0] == "after 4");
        var later = await revoked.CollectAsync(TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain(revoked.Received.Skip(afterDeny), f => f.Event is SocketEvents.DaemonMessage or SocketEvents.ConsoleOutput or SocketEvents.Stats or SocketEvents.Status);
        Assert.DoesNotContain(later, f => f.Event is SocketEvents.DaemonMessage or SocketEvents.ConsoleOutput or SocketEvents.Stats or SocketEvents.Status);

        // A fresh token brings the frames back.
        await revoked.AuthAsync(node.Tokens.Mint(node.ServerUuid, userUuid: watcher, iat: Now + 1));
        await revoked.WaitForAsync(SocketEvents.AuthSuccess);
        node.Server.Frames.Publish(FrameEncoder.Frame(SocketEvents.DaemonMessage, null, "again"));
        await revoked.WaitForAsync(SocketEvents.DaemonMessage, f => f.Args![0] == "again");
    }

    [Fact]
    public async Task DenyJti_RevokedSocketNotReauthed_ClosedAfterGrace()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartAsync(c => c.Websocket.ExpiredGrace = 30, time: time);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var denied = node.Tokens.Mint(node.ServerUuid, iat: now - 5);
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthenticateAsync(denied);
        (await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/ws/deny", new DenyRequest([JtiOf(denied)], now))).Dispose();
        await client.WaitForAsync(SocketEvents.JwtError);
        await Task.Delay(100); // let the grace timer be registered on the fake clock
        time.Advance(TimeSpan.FromSeconds(31));
        var (status, reason) = await client.WaitForCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal(SocketCloseCodes.RevokedReason, reason);
    }

    [Fact]
    public async Task DeauthorizeGrant_ClosesOnlyThatGrantsSockets()
    {
        await using var node = await TestNode.StartAsync();
        var user = Guid.NewGuid().ToString();
        var loggedOut = node.Tokens.Mint(node.ServerUuid, userUuid: user, iat: Now - 5, grant: "session:1");
        var otherSession = node.Tokens.Mint(node.ServerUuid, userUuid: user, iat: Now - 5, grant: "session:2");
        await using var a = await ConsoleClient.ConnectAsync(node.SocketUri());
        await a.AuthenticateAsync(loggedOut);
        await using var b = await ConsoleClient.ConnectAsync(node.SocketUri());
        await b.AuthenticateAsync(otherSession);

        using var response = await node.Http.PostAsJsonAsync("/api/deauthorize-user", new DeauthorizeUserRequest(user, [], Now, "session:1"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        Assert.Equal(SocketCloseCodes.RevokedReason, (await a.WaitForCloseAsync(TimeSpan.FromSeconds(3))).Reason);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await AuthErrorAsync(node, loggedOut));
        Assert.Null(await AuthErrorAsync(node, otherSession));
        await b.SendAsync(SocketEvents.SendStats);
        await b.WaitForAsync(SocketEvents.Stats);
        Assert.Equal(WebSocketState.Open, b.Socket.State);
    }

    private static string JtiOf(string jwt) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(jwt).GetPayloadValue<string>("jti");
}
