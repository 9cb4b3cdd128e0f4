using Aerie.Contracts.Socket;
using Aerie.Node.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Node.Tests.Functional;

/// <summary>The daemon's time windows (60 s expiry warning, 30 s checks, the crash guard) on fake time instead of sleeping.</summary>
public sealed class FakeTimeTests
{
    [Fact]
    public async Task Expiry_DefaultWindows_ExpiringOnlyInLastMinuteThenExpiredOnce()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartAsync(time: time);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthenticateAsync(node.Tokens.Mint(node.ServerUuid, iat: now, exp: now + 95));
        Assert.DoesNotContain(await client.CollectAsync(TimeSpan.FromMilliseconds(300)), f => f.Event == SocketEvents.TokenExpiring);

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(await client.CollectAsync(TimeSpan.FromMilliseconds(300)), f => f.Event == SocketEvents.TokenExpiring);
        time.Advance(TimeSpan.FromSeconds(30));
        await client.WaitForAsync(SocketEvents.TokenExpiring);
        time.Advance(TimeSpan.FromSeconds(30));
        await client.WaitForAsync(SocketEvents.TokenExpiring);
        time.Advance(TimeSpan.FromSeconds(5));
        await client.WaitForAsync(SocketEvents.TokenExpired);
        time.Advance(TimeSpan.FromSeconds(60));
        var later = await client.CollectAsync(TimeSpan.FromMilliseconds(300));
        Assert.DoesNotContain(later, f => f.Event is SocketEvents.TokenExpired or SocketEvents.TokenExpiring);
    }

    [Fact]
    public async Task Crash_GuardWindowOnFakeTime_AbortsWithinThenRestartsAfter()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartAsync(c => c.Power.CrashGuard = 60, time: time);
        await using var console = await node.RunningConsoleAsync();
        await console.SendAsync(SocketEvents.SendCommand, "crash 1");
        await console.WaitForConsoleAsync("Exit code: 1");
        await console.WaitForStatusAsync(ServerStates.Running);

        // No time passes on the node's clock: the second crash is inside the window, however long the restart took.
        await console.SendAsync(SocketEvents.SendCommand, "crash 2");
        await console.WaitForConsoleAsync(SocketErrors.CrashAborted);
        Assert.Equal(ServerStates.Offline, node.Server.State);

        time.Advance(TimeSpan.FromSeconds(61));
        await console.SendAsync(SocketEvents.SetState, PowerActions.Start);
        await console.WaitForStatusAsync(ServerStates.Running);
        await console.SendAsync(SocketEvents.SendCommand, "crash 3");
        await console.WaitForConsoleAsync("Exit code: 3");
        // Frames are read in order: an abort notice would come instead of this restart.
        await console.WaitForStatusAsync(ServerStates.Starting);
        await console.WaitForStatusAsync(ServerStates.Running);
    }
}
