using Aerie.Contracts.Socket;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Functional;

/// <summary>Peers that do not read, or do not answer pings: raw TCP clients that simply stop reading.</summary>
public sealed class SlowPeerTests
{
    [Fact]
    public async Task SlowSocket_LosesOldestFramesAndIsToldHowMany_GameNotSlowed()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Websocket.SendQueue = 16;
            c.Throttles = new() { Lines = 100000, LineResetInterval = 100 };
        });
        using var slow = await RawUpgrade.ConnectAsync(node.BaseUri, $"/api/servers/{node.ServerUuid}/ws?token={node.Token()}");
        Assert.Equal(101, slow.Status);
        await using var fast = await node.RunningConsoleAsync();
        await fast.SendAsync(SocketEvents.SendCommand, "bigflood 400");
        // The game's output is consumed at full speed even though one socket reads nothing.
        await fast.WaitForConsoleAsync("bigflood done", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => node.Server.History.Last(1)[0] == "bigflood done", what: "history caught up");
        Assert.True(await slow.WaitForTextAsync("messages were dropped because this connection could not keep up", TimeSpan.FromSeconds(30)));
        Assert.True(await slow.WaitForTextAsync("bigflood done", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task SilentPeer_NoPongs_Closed()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Websocket.PingInterval = 0.2;
            c.Websocket.PingTimeout = 0.5;
        });
        using var silent = await RawUpgrade.ConnectAsync(node.BaseUri, $"/api/servers/{node.ServerUuid}/ws");
        Assert.True(await silent.WaitForEndAsync(TimeSpan.FromSeconds(5)), "silent peer was not closed");
    }
}
