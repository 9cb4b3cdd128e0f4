using Aerie.Contracts.Socket;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Functional;

public sealed class ConsoleOutputTests
{
    [Fact]
    public async Task LongLine_70KiB_ArrivesAs64KiBPieceThenRest()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.RunningConsoleAsync();
        await client.SendAsync(SocketEvents.SendCommand, "long");
        var first = await client.WaitForConsoleAsync("xxxx");
        var second = await client.NextAsync();
        Assert.Equal(64 * 1024, first.Args![0].Length);
        Assert.Equal(new string('x', 70 * 1024 - 64 * 1024), second!.Args![0]);
    }

    [Fact]
    public async Task BlankLines_Kept()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.RunningConsoleAsync();
        await client.SendAsync(SocketEvents.SendCommand, "blank");
        await client.WaitForConsoleAsync("before");
        var lines = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            lines.Add((await client.WaitForAsync(SocketEvents.ConsoleOutput)).Args![0]);
        }
        Assert.Equal(["", "", "after"], lines);
    }

    [Fact]
    public async Task CrLf_TrailingCarriageReturnStripped()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.RunningConsoleAsync();
        await client.SendAsync(SocketEvents.SendCommand, "crlf");
        var line = await client.WaitForConsoleAsync("dos line");
        Assert.Equal("dos line", line.Args![0]);
    }

    [Fact]
    public async Task InvalidUtf8_ReplacedWithReplacementCharacter()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.RunningConsoleAsync();
        await client.SendAsync(SocketEvents.SendCommand, "badutf8");
        var line = await client.WaitForConsoleAsync("bad ");
        Assert.Equal("bad \uFFFD\uFFFD end", line.Args![0]);
    }

    [Fact]
    public async Task Flood_OverThrottle_OneNoticeAndEveryLineKeptOnDisk()
    {
        await using var node = await TestNode.StartAsync(c => c.Throttles = new() { Lines = 100, LineResetInterval = 5000 });
        await using var client = await node.RunningConsoleAsync();
        await client.SendAsync(SocketEvents.SendCommand, "flood 3000");
        await client.WaitForConsoleAsync(SocketErrors.ThrottleNotice);
        var frames = await client.CollectAsync(TimeSpan.FromMilliseconds(800));
        Assert.DoesNotContain(frames, f => f.Args is [var l] && l.Contains(SocketErrors.ThrottleNotice, StringComparison.Ordinal));
        Assert.DoesNotContain(frames, f => f.Args is [var l] && l == "flood 3000");
        Assert.Equal(SocketErrors.DaemonNotice(SocketErrors.ThrottleNotice), client.Received.Last(f => f.Args is [var l] && l.Contains("throttling", StringComparison.Ordinal)).Args![0]);
        // The game is not stopped for its output volume, and history and disk keep everything.
        Assert.Equal(ServerStates.Running, node.Server.State);
        Assert.Equal("flood 3000", node.Server.History.Last(1)[0]);
        await Eventually.TrueAsync(() => File.ReadAllText(node.Server.LogFilePath).Contains("flood 3000\n", StringComparison.Ordinal), what: "last flood line on disk");
        var onDisk = File.ReadAllLines(node.Server.LogFilePath);
        Assert.Equal(3000, onDisk.Count(l => l.StartsWith("flood ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Flood_UnderThrottle_EveryLineLive()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.RunningConsoleAsync();
        await client.SendAsync(SocketEvents.SendCommand, "flood 1500");
        await client.WaitForConsoleAsync("flood 1500");
        Assert.Equal(1500, client.Received.Count(f => f.Args is [var l] && l.StartsWith("flood ", StringComparison.Ordinal)));
        Assert.DoesNotContain(client.Received, f => f.Args is [var l] && l.Contains("throttling", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Output_FannedOutToEverySocket()
    {
        await using var node = await TestNode.StartAsync();
        await using var a = await node.RunningConsoleAsync();
        await using var b = await node.ConsoleAsync();
        await a.SendAsync(SocketEvents.SendCommand, "to everyone");
        await a.WaitForConsoleAsync("echo: to everyone");
        await b.WaitForConsoleAsync("echo: to everyone");
    }
}
