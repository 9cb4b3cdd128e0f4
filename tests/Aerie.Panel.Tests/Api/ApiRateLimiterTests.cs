using Aerie.Panel.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Panel.Tests.Api;

/// <summary>Spec 04 §1.6: fixed one-minute windows per caller, one budget per API, headers on every answer.</summary>
public sealed class ApiRateLimiterTests
{
    private static readonly PanelOptions Options = new() { DataFolder = "/unused", ClientApiPerMinute = 3, ApplicationApiPerMinute = 2 };

    private static DefaultHttpContext Request(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        return context;
    }

    [Fact]
    public void Client_LimitThenRefusedWithRetryHeaders_ThenNewWindow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var limiter = new ApiRateLimiter(Options, time);
        for (var i = 0; i < 3; i++)
        {
            var ok = Request("/api/client");
            Assert.True(limiter.TryAcquire(ok, "user-a"));
            Assert.Equal("3", ok.Response.Headers["X-RateLimit-Limit"]);
            Assert.Equal((2 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Response.Headers["X-RateLimit-Remaining"]);
        }
        time.Advance(TimeSpan.FromSeconds(20));
        var refused = Request("/api/client/servers/abc");
        Assert.False(limiter.TryAcquire(refused, "user-a"));
        Assert.Equal("0", refused.Response.Headers["X-RateLimit-Remaining"]);
        Assert.Equal("40", refused.Response.Headers.RetryAfter);
        Assert.Equal("1700000060", refused.Response.Headers["X-RateLimit-Reset"]);
        Assert.True(limiter.TryAcquire(Request("/api/client"), "user-b"), "another caller has its own budget");
        Assert.True(limiter.TryAcquire(Request("/api/application/users"), "user-a"), "the application API has its own budget");
        time.Advance(TimeSpan.FromSeconds(40));
        Assert.True(limiter.TryAcquire(Request("/api/client"), "user-a"), "a new window starts after a minute");
    }

    [Fact]
    public void Application_UsesItsOwnLimit()
    {
        var limiter = new ApiRateLimiter(Options, new FakeTimeProvider());
        var first = Request("/api/application/servers");
        Assert.True(limiter.TryAcquire(first, "u"));
        Assert.Equal("2", first.Response.Headers["X-RateLimit-Limit"]);
        Assert.True(limiter.TryAcquire(Request("/api/application/servers"), "u"));
        Assert.False(limiter.TryAcquire(Request("/api/application/servers"), "u"));
    }
}
