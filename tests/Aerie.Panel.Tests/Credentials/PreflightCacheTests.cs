using Aerie.Panel.Credentials;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Panel.Tests.Credentials;

/// <summary>A cached preflight dies with time and with any change of the server or node stamp.</summary>
public sealed class PreflightCacheTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void Cache_Entry_ExpiresAndFollowsStamps()
    {
        var cache = new PreflightCache(new PanelOptions { DataFolder = "unused", PreflightCacheDuration = TimeSpan.FromSeconds(5) }, time);
        var (server, serverStamp, nodeStamp) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        cache.Remember(server, serverStamp, 1, nodeStamp);
        Assert.True(cache.IsFresh(server, serverStamp, 1, nodeStamp));
        Assert.False(cache.IsFresh(server, Guid.NewGuid(), 1, nodeStamp));
        Assert.False(cache.IsFresh(server, serverStamp, 2, nodeStamp));
        Assert.False(cache.IsFresh(server, serverStamp, 1, Guid.NewGuid()));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(cache.IsFresh(server, serverStamp, 1, nodeStamp));
    }
}
