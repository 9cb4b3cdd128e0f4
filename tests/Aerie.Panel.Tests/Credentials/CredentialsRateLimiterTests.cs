using Aerie.Panel.Credentials;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Panel.Tests.Credentials;

/// <summary>The per (user, server) window on fake time.</summary>
public sealed class CredentialsRateLimiterTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Limiter_OverLimit_GivesRetryAfterUntilWindowEnds()
    {
        var limiter = new CredentialsRateLimiter(new PanelOptions { DataFolder = "unused", CredentialsPerMinute = 2 }, time);
        var (user, server) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Null(limiter.TryAcquire(user, server));
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(limiter.TryAcquire(user, server));
        Assert.Equal(40, limiter.TryAcquire(user, server));
        Assert.Null(limiter.TryAcquire(Guid.NewGuid(), server));
        Assert.Null(limiter.TryAcquire(user, Guid.NewGuid()));
        time.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(limiter.TryAcquire(user, server));
    }
}
