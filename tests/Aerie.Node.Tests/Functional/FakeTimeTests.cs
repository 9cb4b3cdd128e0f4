using Aerie.Contracts.Socket;
using Aerie.Node.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Node.Tests.Functional;

/// <summary>The daemon's default windows (60 s expiry warning, 30 s checks) on fake time instead of sleeping.</summary>
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
}
