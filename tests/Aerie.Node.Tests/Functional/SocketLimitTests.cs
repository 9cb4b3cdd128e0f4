using System.Net.WebSockets;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Node.Tests.Functional;

/// <summary>The console socket limits as attacks: sockets opened first and authenticated afterwards, floods of
/// unauthenticated sockets, and expired sockets left open to hold the cap.</summary>
public sealed class SocketLimitTests
{
    // Authenticates and reads until `auth success` (true) or the node closes the socket (false).
    private static async Task<bool> AuthOutcomeAsync(ConsoleClient client, string token)
    {
        await client.AuthAsync(token);
        while (await client.NextAsync() is { } frame)
        {
            if (frame.Event == SocketEvents.AuthSuccess)
            {
                return true;
            }
        }
        return false;
    }

    private static async Task<List<ConsoleClient>> OpenAsync(TestNode node, int count, string? uuid = null)
    {
        var clients = new List<ConsoleClient>();
        for (var i = 0; i < count; i++)
        {
            clients.Add(await ConsoleClient.ConnectAsync(node.SocketUri(uuid)));
        }
        return clients;
    }

    private static async Task DisposeAllAsync(IEnumerable<ConsoleClient> clients)
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Cap_SocketsOpenedFirstThenAuthenticatedTogether_OnlyCapAccepted()
    {
        const int cap = 5;
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Websocket.MaxConnections = cap;
            c.Websocket.MaxPerUserPercent = 100; // every socket is the same user's here: the server cap is under test
            c.Websocket.MaxUnauthenticated = 100;
            c.Websocket.MaxUnauthenticatedPerIp = 100;
        });
        var clients = await OpenAsync(node, 3 * cap);
        try
        {
            var outcomes = await Task.WhenAll(clients.Select(c => AuthOutcomeAsync(c, node.Token())));

            Assert.Equal(cap, outcomes.Count(accepted => accepted));
            var refused = clients.Where((_, i) => !outcomes[i]).ToList();
            Assert.Equal(2 * cap, refused.Count);
            Assert.All(refused, c =>
            {
                Assert.Equal(SocketCloseCodes.TooManySockets, (int)c.CloseStatus!);
                Assert.Equal(NodeApiErrors.TooManySockets, c.Socket.CloseStatusDescription);
                Assert.DoesNotContain(c.Received, f => f.Event == SocketEvents.AuthSuccess);
            });
            // The cap is full: a further upgrade gets the spec's HTTP answer.
            Assert.Equal(400, await ConsoleClient.RefusedStatusAsync(node.SocketUri()));
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [Fact]
    public async Task Cap_AuthenticatedSocketCloses_PlaceFreed()
    {
        await using var node = await TestNode.StartAsync(c => c.Websocket.MaxConnections = 1);
        await using var waiting = await ConsoleClient.ConnectAsync(node.SocketUri());
        var first = await node.ConsoleAsync();
        await first.DisposeAsync();
        await Eventually.TrueAsync(async () => await ConsoleClient.RefusedStatusAsync(node.SocketUri()) == 101, "the closed socket's place to be freed");
        Assert.True(await AuthOutcomeAsync(waiting, node.Token()));
    }

    [Fact]
    public async Task Unauthenticated_OverServerLimit_Refused()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Websocket.MaxUnauthenticated = 3;
            c.Websocket.MaxUnauthenticatedPerIp = 100;
        });
        var clients = await OpenAsync(node, 3);
        try
        {
            Assert.Equal(400, await ConsoleClient.RefusedStatusAsync(node.SocketUri()));
            using var raw = await RawUpgrade.ConnectAsync(node.BaseUri, $"/api/servers/{node.ServerUuid}/ws");
            Assert.Equal($"{{\"error\":\"{NodeApiErrors.TooManySockets}\"}}", raw.Body);

            // Authenticating one moves it out of the pending count: one more may open.
            await clients[0].AuthenticateAsync(node.Token());
            clients.Add(await ConsoleClient.ConnectAsync(node.SocketUri()));
            Assert.Equal(400, await ConsoleClient.RefusedStatusAsync(node.SocketUri()));
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [Fact]
    public async Task Unauthenticated_OverPerIpLimit_RefusedAcrossServers()
    {
        var other = TestNode.NewServer();
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Servers.Add(other);
            c.Websocket.MaxUnauthenticatedPerIp = 3;
        });
        var clients = await OpenAsync(node, 2);
        clients.AddRange(await OpenAsync(node, 1, other.Uuid));
        try
        {
            Assert.Equal(400, await ConsoleClient.RefusedStatusAsync(node.SocketUri(other.Uuid)));
            Assert.Equal(400, await ConsoleClient.RefusedStatusAsync(node.SocketUri()));

            // A pending socket that goes away frees its place.
            await clients[0].DisposeAsync();
            clients.RemoveAt(0);
            await Eventually.TrueAsync(async () => await ConsoleClient.RefusedStatusAsync(node.SocketUri()) == 101, "the closed socket's place to be freed");
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [Fact]
    public async Task Expired_NoReauthWithinGrace_ClosedAndPlaceFreed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Websocket.MaxConnections = 1;
            c.Websocket.ExpiredGrace = 30;
        }, time: time);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        await using var idle = await ConsoleClient.ConnectAsync(node.SocketUri());
        await idle.AuthenticateAsync(node.Tokens.Mint(node.ServerUuid, iat: now, exp: now + 10));

        time.Advance(TimeSpan.FromSeconds(10));
        await idle.WaitForAsync(SocketEvents.TokenExpired);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(await idle.CollectAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(WebSocketState.Open, idle.Socket.State);

        time.Advance(TimeSpan.FromSeconds(2));
        var (status, reason) = await idle.WaitForCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal(SocketCloseCodes.ExpiredReason, reason);
        await Eventually.TrueAsync(async () => await ConsoleClient.RefusedStatusAsync(node.SocketUri()) == 101, "the expired socket's place to be freed");
        await using var owner = await ConsoleClient.ConnectAsync(node.SocketUri());
        await owner.AuthenticateAsync(node.Tokens.Mint(node.ServerUuid, iat: now + 41, exp: now + 600));
    }

    [Fact]
    public async Task Expired_ReauthWithinGrace_StaysOpen()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartAsync(c => c.Websocket.ExpiredGrace = 30, time: time);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthenticateAsync(node.Tokens.Mint(node.ServerUuid, iat: now, exp: now + 10));
        time.Advance(TimeSpan.FromSeconds(10));
        await client.WaitForAsync(SocketEvents.TokenExpired);
        time.Advance(TimeSpan.FromSeconds(20));
        await client.AuthAsync(node.Tokens.Mint(node.ServerUuid, iat: now + 30, exp: now + 600));
        await client.WaitForAsync(SocketEvents.AuthSuccess);

        time.Advance(TimeSpan.FromSeconds(60));
        await client.SendAsync(SocketEvents.SendStats);
        await client.WaitForAsync(SocketEvents.Stats);
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task UserShare_OneUserFillsTheirShare_NextRefusedOwnerStillConnects()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Websocket.MaxConnections = 4;
            c.Websocket.MaxPerUserPercent = 50;
        });
        var subuser = Guid.NewGuid().ToString();
        var owner = Guid.NewGuid().ToString();
        var clients = new List<ConsoleClient>();
        try
        {
            clients.Add(await node.ConsoleAsync(userUuid: subuser));
            clients.Add(await node.ConsoleAsync(userUuid: subuser));

            var third = await ConsoleClient.ConnectAsync(node.SocketUri());
            clients.Add(third);
            Assert.False(await AuthOutcomeAsync(third, node.Token(userUuid: subuser)));
            Assert.Equal(SocketCloseCodes.TooManySockets, (int)third.CloseStatus!);
            Assert.Equal(NodeApiErrors.TooManySockets, third.Socket.CloseStatusDescription);

            clients.Add(await node.ConsoleAsync(userUuid: owner));
            clients.Add(await node.ConsoleAsync(userUuid: owner));
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [Fact]
    public async Task UserShare_ReauthWithAnotherUsersToken_MovesThePlace()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Websocket.MaxConnections = 2;
            c.Websocket.MaxPerUserPercent = 50;
        });
        var alice = Guid.NewGuid().ToString();
        var bob = Guid.NewGuid().ToString();
        await using var socket = await node.ConsoleAsync(userUuid: alice);
        // The place now counts for bob: alice (share 1 of a cap of 2) may authenticate a socket again.
        await socket.AuthAsync(node.Token(userUuid: bob));
        await socket.WaitForAsync(SocketEvents.AuthSuccess);
        await using var aliceAgain = await ConsoleClient.ConnectAsync(node.SocketUri());
        Assert.True(await AuthOutcomeAsync(aliceAgain, node.Token(userUuid: alice)));
        await socket.SendAsync(SocketEvents.SendStats);
        await socket.WaitForAsync(SocketEvents.Stats);
    }
}
