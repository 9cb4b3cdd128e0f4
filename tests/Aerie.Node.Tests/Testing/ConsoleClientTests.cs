using System.Net.WebSockets;
using Aerie.Contracts.Socket;

namespace Aerie.Node.Tests.Testing;

/// <summary>The kit's console client against a real node: a wait that times out must leave the socket usable.</summary>
public sealed class ConsoleClientTests
{
    [Fact]
    public async Task WaitForAsync_TimesOut_SocketStaysOpenAndUsable()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.ConsoleAsync();

        // Cancelling a pending ClientWebSocket receive would abort the socket; the kit's waits must not.
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForAsync("no such event", timeout: TimeSpan.FromMilliseconds(200)));
        Assert.Contains("no such event", timeout.Message, StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, client.Socket.State);

        await client.SendAsync(SocketEvents.SendStats);
        await client.WaitForAsync(SocketEvents.Stats);
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task WaitForCloseAsync_ServerCloses_ReturnsItsStatus()
    {
        await using var node = await TestNode.StartAsync(c => c.Websocket.AuthTimeout = 0.3);
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        var (status, _) = await client.WaitForCloseAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Null(await client.NextAsync(TimeSpan.FromSeconds(1)));
    }
}
