using Aerie.Panel.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Panel.Tests.Auth;

/// <summary>Login back-off on fake time: lock after N failures, expiry, doubling, per-IP.</summary>
public sealed class LoginThrottleTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private LoginThrottle Throttle(int perAccount = 3, int perIp = 100) =>
        new(new PanelOptions { DataFolder = "unused", LoginFailuresPerAccount = perAccount, LoginFailuresPerIp = perIp, LoginLockout = TimeSpan.FromMinutes(1) }, time);

    [Fact]
    public void Throttle_AfterThreshold_LocksUntilLockoutPasses()
    {
        var t = Throttle();
        for (var i = 0; i < 2; i++)
        {
            t.Failed("alice", "1.2.3.4");
            Assert.Null(t.RetryAfter("alice", "1.2.3.4"));
        }
        t.Failed("ALICE ", "1.2.3.4");
        Assert.Equal(60, t.RetryAfter("alice", "5.6.7.8"));
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(t.RetryAfter("alice", "1.2.3.4"));
    }

    [Fact]
    public void Throttle_FurtherFailures_DoubleTheLock()
    {
        var t = Throttle();
        for (var i = 0; i < 4; i++)
        {
            t.Failed("bob", "1.2.3.4");
        }
        Assert.Equal(120, t.RetryAfter("bob", "1.2.3.4"));
    }

    [Fact]
    public void Throttle_Success_ResetsAccount()
    {
        var t = Throttle();
        t.Failed("carol", "1.2.3.4");
        t.Failed("carol", "1.2.3.4");
        t.Succeeded("carol");
        t.Failed("carol", "1.2.3.4");
        Assert.Null(t.RetryAfter("carol", "1.2.3.4"));
    }

    [Fact]
    public void Throttle_PerIp_LocksEveryAccountFromThatIp()
    {
        var t = Throttle(perAccount: 100, perIp: 3);
        t.Failed("a", "9.9.9.9");
        t.Failed("b", "9.9.9.9");
        t.Failed("c", "9.9.9.9");
        Assert.NotNull(t.RetryAfter("d", "9.9.9.9"));
        Assert.Null(t.RetryAfter("d", "8.8.8.8"));
    }

    [Fact]
    public void Throttle_OldFailures_AreForgottenAfterTheWindow()
    {
        var t = Throttle();
        t.Failed("dave", "1.2.3.4");
        t.Failed("dave", "1.2.3.4");
        time.Advance(TimeSpan.FromMinutes(16));
        t.Failed("dave", "1.2.3.4");
        Assert.Null(t.RetryAfter("dave", "1.2.3.4"));
    }
}
