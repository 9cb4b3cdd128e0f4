using System.Net.WebSockets;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.Socket;
using Aerie.Node.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Node.Tests.Functional;

public sealed class InboundTests
{
    private static readonly string[] ConnectOnly = [Permission.WebsocketConnect];

    [Fact]
    public async Task SendLogs_ReplaysLastLinesOldestFirst()
    {
        await using var node = await TestNode.StartAsync(c => c.System.WebsocketLogCount = 4);
        await using (var starter = await node.RunningConsoleAsync())
        {
            await starter.SendAsync(SocketEvents.SendCommand, "one");
            await starter.SendAsync(SocketEvents.SendCommand, "two");
            await starter.WaitForConsoleAsync("echo: two");
        }
        await using var viewer = await node.ConsoleAsync(ConnectOnly);
        await viewer.CollectAsync(TimeSpan.FromMilliseconds(200));
        await viewer.SendAsync(SocketEvents.SendLogs);
        var lines = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            lines.Add((await viewer.WaitForAsync(SocketEvents.ConsoleOutput)).Args![0]);
        }
        Assert.DoesNotContain(await viewer.CollectAsync(TimeSpan.FromMilliseconds(300)), f => f.Event == SocketEvents.ConsoleOutput);
        Assert.Equal(["Aerie test game booting", "Done (0.42s)! For help, type help", "echo: one", "echo: two"], lines);
    }

    [Fact]
    public async Task SendStats_SendsOneStatsFrame()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.ConsoleAsync(ConnectOnly);
        await client.CollectAsync(TimeSpan.FromMilliseconds(200));
        await client.SendAsync(SocketEvents.SendStats);
        var stats = await client.WaitForAsync(SocketEvents.Stats);
        Assert.Empty(await client.CollectAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Contains("\"disk_bytes\":", stats.Args![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendCommand_WithControlConsole_WritesToStdin()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.RunningConsoleAsync([Permission.WebsocketConnect, Permission.ControlStart, Permission.ControlConsole]);
        await client.SendAsync(SocketEvents.SendCommand, "say hello");
        await client.WaitForConsoleAsync("echo: say hello");
    }

    [Fact]
    public async Task SendCommand_WithoutControlConsole_Ignored()
    {
        await using var node = await TestNode.StartAsync();
        await using var admin = await node.RunningConsoleAsync();
        await using var viewer = await node.ConsoleAsync(ConnectOnly);
        await viewer.SendAsync(SocketEvents.SendCommand, "sneaky");
        var frames = await admin.CollectAsync(TimeSpan.FromMilliseconds(700));
        Assert.DoesNotContain(frames, f => f.Args is [var l] && l.Contains("sneaky", StringComparison.Ordinal));
        Assert.DoesNotContain(await viewer.CollectAsync(TimeSpan.FromMilliseconds(100)), f => f.Event == SocketEvents.DaemonError);
    }

    [Fact]
    public async Task SendCommand_ControlCharacters_RefusedWithDaemonError()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.RunningConsoleAsync();
        await client.SendAsync(SocketEvents.SendCommand, "say hi\nstop");
        var error = await client.WaitForAsync(SocketEvents.DaemonError);
        Assert.StartsWith($"Error Event [{node.ServerUuid}]: command contains control characters", error.Args![0], StringComparison.Ordinal);
        Assert.Equal(ServerStates.Running, node.Server.State);
    }

    [Fact]
    public async Task SendCommand_Offline_Ignored()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.ConsoleAsync();
        await client.CollectAsync(TimeSpan.FromMilliseconds(200));
        await client.SendAsync(SocketEvents.SendCommand, "hello");
        var frames = await client.CollectAsync(TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain(frames, f => f.Event is SocketEvents.DaemonError or SocketEvents.ConsoleOutput);
    }

    [Fact]
    public async Task SendCommand_StopCommand_GoesStopping()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.RunningConsoleAsync();
        await client.SendAsync(SocketEvents.SendCommand, "stop");
        await client.WaitForStatusAsync(ServerStates.Stopping);
        await client.WaitForStatusAsync(ServerStates.Offline);
        var after = await client.CollectAsync(TimeSpan.FromMilliseconds(400));
        Assert.DoesNotContain(after, f => f.Args is [var l] && l.Contains(SocketErrors.CrashDetected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(PowerActions.Start, Permission.ControlStart)]
    [InlineData(PowerActions.Stop, Permission.ControlStop)]
    [InlineData(PowerActions.Restart, Permission.ControlRestart)]
    [InlineData(PowerActions.Kill, Permission.ControlStop)]
    public async Task SetState_WithoutPermission_IgnoredSilently(string action, string permission)
    {
        await using var node = await TestNode.StartAsync();
        await using var admin = await node.RunningConsoleAsync();
        if (action == PowerActions.Start)
        {
            await admin.SendAsync(SocketEvents.SetState, PowerActions.Kill);
            await admin.WaitForStatusAsync(ServerStates.Offline);
        }
        var others = new[] { Permission.ControlStart, Permission.ControlStop, Permission.ControlRestart, Permission.ControlConsole }.Where(p => p != permission);
        await using var client = await node.ConsoleAsync([Permission.WebsocketConnect, .. others]);
        var before = node.Server.State;
        await client.SendAsync(SocketEvents.SetState, action);
        var frames = await client.CollectAsync(TimeSpan.FromMilliseconds(700));
        Assert.DoesNotContain(frames, f => f.Event is SocketEvents.Status or SocketEvents.DaemonError);
        Assert.Equal(before, node.Server.State);
    }

    [Theory]
    [InlineData(PowerActions.Start, Permission.ControlStart, ServerStates.Starting)]
    [InlineData(PowerActions.Stop, Permission.ControlStop, ServerStates.Stopping)]
    [InlineData(PowerActions.Restart, Permission.ControlRestart, ServerStates.Stopping)]
    [InlineData(PowerActions.Kill, Permission.ControlStop, ServerStates.Stopping)]
    public async Task SetState_WithPermission_RunsAction(string action, string permission, string expected)
    {
        await using var node = await TestNode.StartAsync();
        if (action != PowerActions.Start)
        {
            await using var admin = await node.RunningConsoleAsync();
        }
        await using var client = await node.ConsoleAsync([Permission.WebsocketConnect, permission]);
        await client.SendAsync(SocketEvents.SetState, action);
        await client.WaitForStatusAsync(expected);
    }

    [Fact]
    public async Task SetState_UnknownAction_DaemonErrorGenericOrRealForAdmins()
    {
        await using var node = await TestNode.StartAsync();
        await using var user = await node.ConsoleAsync();
        await user.SendAsync(SocketEvents.SetState, "explode");
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Unexpected), (await user.WaitForAsync(SocketEvents.DaemonError)).Args![0]);
        await using var admin = await node.ConsoleAsync([.. Permission.AdminToken]);
        await admin.SendAsync(SocketEvents.SetState, "explode");
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, "invalid power action 'explode'"), (await admin.WaitForAsync(SocketEvents.DaemonError)).Args![0]);
    }

    [Fact]
    public async Task Frame_Over4096Bytes_Closes1009()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.ConsoleAsync();
        await client.SendAsync(SocketEvents.SendCommand, new string('a', 4100));
        var (status, _) = await client.WaitForCloseAsync();
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
    }

    [Fact]
    public async Task Frame_Exactly4096Bytes_Accepted()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.ConsoleAsync();
        const string head = "{\"event\":\"send stats\",\"args\":[\"", tail = "\"]}";
        var frame = head + new string('a', 4096 - head.Length - tail.Length) + tail;
        Assert.Equal(4096, frame.Length);
        await client.SendRawAsync(frame);
        await client.WaitForAsync(SocketEvents.Stats, f => f.Args![0].Contains("offline", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"event\":42}")]
    [InlineData("[\"send stats\"]")]
    [InlineData("{\"event\":\"send stats\",\"args\":{\"a\":1}}")]
    [InlineData("{\"args\":[]}")]
    public async Task Frame_Malformed_DroppedSocketKept(string text)
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.ConsoleAsync();
        await client.CollectAsync(TimeSpan.FromMilliseconds(200));
        await client.SendRawAsync(text);
        await client.SendRawAsync("{\"event\":\"send stats\"}", WebSocketMessageType.Binary);
        Assert.Empty(await client.CollectAsync(TimeSpan.FromMilliseconds(400)));
        await client.SendAsync(SocketEvents.SendStats);
        await client.WaitForAsync(SocketEvents.Stats);
    }

    [Theory]
    [InlineData("{\"event\":\"send stats\"}")]
    [InlineData("{\"event\":\"send stats\",\"args\":[]}")]
    [InlineData("{\"event\":\"send stats\",\"args\":[null]}")]
    [InlineData("{\"event\":\"send stats\",\"args\":null}")]
    public async Task Frame_NoArgsForms_AllAccepted(string text)
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.ConsoleAsync();
        await client.SendRawAsync(text);
        await client.WaitForAsync(SocketEvents.Stats);
    }

    [Fact]
    public async Task Auth_ArgsAreConcatenated()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        var token = node.Token();
        await client.SendAsync(SocketEvents.Auth, token[..20], token[20..]);
        await client.WaitForAsync(SocketEvents.AuthSuccess);
    }

    [Fact]
    public async Task RateLimit_PerEvent_ThrottledOncePerEpisode()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.ConsoleAsync();
        await client.CollectAsync(TimeSpan.FromMilliseconds(200));
        var mark = client.Received.Count;
        for (var i = 0; i < 8; i++)
        {
            await client.SendAsync(SocketEvents.SendStats);
        }
        await client.WaitForAsync(SocketEvents.Throttled);
        await client.CollectAsync(TimeSpan.FromMilliseconds(400));
        var frames = client.Received.Skip(mark).ToList();
        Assert.Equal(4, frames.Count(f => f.Event == SocketEvents.Stats));
        var throttled = Assert.Single(frames, f => f.Event == SocketEvents.Throttled);
        Assert.Equal([SocketEvents.SendStats], throttled.Args);
    }

    [Fact]
    public async Task RateLimit_Global_ThrottledWithGlobalName()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Websocket.GlobalRate = new() { Burst = 3, Period = 10 };
            c.Websocket.OtherRate = new() { Burst = 100, Period = 1 };
        });
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri(token: node.Token()));
        await client.CollectAsync(TimeSpan.FromMilliseconds(200));
        var mark = client.Received.Count;
        for (var i = 0; i < 6; i++)
        {
            await client.SendAsync(SocketEvents.SendStats);
        }
        await client.WaitForAsync(SocketEvents.Throttled);
        await client.CollectAsync(TimeSpan.FromMilliseconds(400));
        var frames = client.Received.Skip(mark).ToList();
        Assert.Equal(3, frames.Count(f => f.Event == SocketEvents.Stats));
        var throttled = Assert.Single(frames, f => f.Event == SocketEvents.Throttled);
        Assert.Equal([SocketEvents.GlobalThrottle], throttled.Args);
    }

    [Fact]
    public async Task RateLimit_NewEpisodeAfterRecovery_ThrottledAgain()
    {
        // Fake time: the bucket refills when the test says so, not after a sleep that a loaded machine may stretch.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartAsync(c => c.Websocket.OtherRate = new() { Burst = 1, Period = 0.3 }, time: time);
        await using var client = await node.ConsoleAsync();
        await client.CollectAsync(TimeSpan.FromMilliseconds(400));
        var mark = client.Received.Count;
        await client.SendAsync(SocketEvents.SendStats);
        await client.SendAsync(SocketEvents.SendStats);
        await client.SendAsync(SocketEvents.SendStats);
        // The first episode is under way (and all three frames handled) before the clock moves.
        await client.WaitForAsync(SocketEvents.Throttled);
        time.Advance(TimeSpan.FromMilliseconds(700));
        await client.SendAsync(SocketEvents.SendStats);
        await client.SendAsync(SocketEvents.SendStats);
        await client.WaitForAsync(SocketEvents.Throttled);
        await client.CollectAsync(TimeSpan.FromMilliseconds(400));
        var frames = client.Received.Skip(mark).ToList();
        Assert.Equal(2, frames.Count(f => f.Event == SocketEvents.Throttled));
    }
}
