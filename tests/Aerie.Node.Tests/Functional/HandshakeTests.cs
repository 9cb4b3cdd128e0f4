using System.Net.WebSockets;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Functional;

public sealed class HandshakeTests
{
    [Fact]
    public async Task Connect_UnknownServer_Returns404WithError()
    {
        await using var node = await TestNode.StartAsync();
        Assert.Equal(404, await ConsoleClient.RefusedStatusAsync(node.SocketUri(Guid.NewGuid().ToString())));
        using var raw = await RawUpgrade.ConnectAsync(node.BaseUri, $"/api/servers/{Guid.NewGuid()}/ws");
        Assert.Equal(404, raw.Status);
        Assert.Equal($"{{\"error\":\"{NodeApiErrors.NotFound}\"}}", raw.Body);
    }

    [Theory]
    [InlineData("http://panel.test")]
    [InlineData("https://other.example")]
    public async Task Origin_PanelOrAllowedOrigin_Accepted(string origin)
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Remote = "http://panel.test/";
            c.TokenId = "x";
            c.AllowedOrigins = ["https://other.example"];
        });
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri(), origin);
        await client.AuthenticateAsync(node.Token());
    }

    [Fact]
    public async Task Origin_Mismatch_Returns403()
    {
        await using var node = await TestNode.StartAsync();
        Assert.Equal(403, await ConsoleClient.RefusedStatusAsync(node.SocketUri(), "https://evil.example"));
    }

    [Fact]
    public async Task Origin_Wildcard_AcceptsAny()
    {
        await using var node = await TestNode.StartAsync(c => c.AllowedOrigins = ["*"]);
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri(), "https://anything.example");
        await client.AuthenticateAsync(node.Token());
    }

    [Fact]
    public async Task Origin_Missing_AcceptedByDefault()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthenticateAsync(node.Token());
    }

    [Fact]
    public async Task Origin_MissingWithStrictSwitch_Returns403()
    {
        await using var node = await TestNode.StartAsync(c => c.Websocket.StrictOrigin = true);
        Assert.Equal(403, await ConsoleClient.RefusedStatusAsync(node.SocketUri()));
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri(), "http://panel.test");
        await client.AuthenticateAsync(node.Token());
    }

    [Fact]
    public async Task QueryToken_Valid_AuthenticatesAtConnect()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri(token: node.Token()));
        Assert.Equal(SocketEvents.AuthSuccess, (await client.NextAsync())!.Event);
        var status = await client.NextAsync();
        Assert.Equal(new[] { ServerStates.Offline }, status!.Args);
        Assert.Equal(SocketEvents.Stats, (await client.NextAsync())!.Event);
    }

    [Fact]
    public async Task QueryToken_Invalid_SendsPrefixedJwtError()
    {
        await using var node = await TestNode.StartAsync();
        var bad = node.Tokens.Mint(Guid.NewGuid().ToString());
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri(token: bad));
        var error = await client.WaitForAsync(SocketEvents.JwtError);
        Assert.StartsWith($"Error Event [{node.ServerUuid}]: jwt: ", error.Args![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryToken_WrongSecret_SendsGenericDaemonError()
    {
        await using var node = await TestNode.StartAsync();
        var bad = node.Tokens.Mint(node.ServerUuid, key: "another-secret-0123456789abcdef0123456789abcdef");
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri(token: bad));
        var error = await client.NextAsync();
        Assert.Equal(SocketEvents.DaemonError, error!.Event);
        Assert.Equal([SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Unexpected)], error.Args);
    }

    [Fact]
    public async Task SocketCap_Reached_Returns400WithError()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Websocket.MaxConnections = 2;
            c.Websocket.MaxPerUserPercent = 100; // both sockets are the same user's: the server cap is under test
        });
        await using var a = await node.ConsoleAsync();
        await using var b = await node.ConsoleAsync();
        Assert.Equal(400, await ConsoleClient.RefusedStatusAsync(node.SocketUri()));
        using var raw = await RawUpgrade.ConnectAsync(node.BaseUri, $"/api/servers/{node.ServerUuid}/ws");
        Assert.Equal(400, raw.Status);
        Assert.Equal($"{{\"error\":\"{NodeApiErrors.TooManySockets}\"}}", raw.Body);
    }

    [Fact]
    public async Task Suspended_AcceptsThenCloses4409()
    {
        await using var node = await TestNode.StartAsync(c => c.Servers[0].Suspended = true);
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        var (status, reason) = await client.WaitForCloseAsync();
        Assert.Equal(SocketCloseCodes.Suspended, (int)status!);
        Assert.Equal(SocketCloseCodes.SuspendedReason, reason);
    }

    [Fact]
    public async Task AuthDeadline_Unauthenticated_Closed()
    {
        await using var node = await TestNode.StartAsync(c => c.Websocket.AuthTimeout = 0.5);
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        var (status, _) = await client.WaitForCloseAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
    }

    [Fact]
    public async Task AuthDeadline_Authenticated_StaysOpen()
    {
        await using var node = await TestNode.StartAsync(c => c.Websocket.AuthTimeout = 0.3);
        await using var client = await node.ConsoleAsync();
        await Task.Delay(600);
        await client.SendAsync(SocketEvents.SendStats);
        await client.WaitForAsync(SocketEvents.Stats);
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task KeepAlive_NodeSendsPings()
    {
        await using var node = await TestNode.StartAsync(c => c.Websocket.PingInterval = 0.3);
        using var raw = await RawUpgrade.ConnectAsync(node.BaseUri, $"/api/servers/{node.ServerUuid}/ws");
        Assert.Equal(101, raw.Status);
        Assert.True(await raw.WaitForOpcodeAsync(0x9, TimeSpan.FromSeconds(5)), "no ping frame from the node");
    }
}
