using Aerie.Panel.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Panel.Tests.Auth;

/// <summary>Login back-off on fake time: lock after N attempts, expiry, doubling, per (account, IP), per account, per IP.</summary>
public sealed class LoginThrottleTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private LoginThrottle Throttle(int perAccount = 3, int perAccountAnyIp = 1_000, int perIp = 100) =>
        new(new PanelOptions
        {
            DataFolder = "unused",
            LoginFailuresPerAccount = perAccount,
            LoginFailuresPerAccountAnyIp = perAccountAnyIp,
            LoginFailuresPerIp = perIp,
            LoginLockout = TimeSpan.FromMinutes(1),
        }, time);

    /// <summary>A failed attempt: counted when allowed, and the answer says whether it was.</summary>
    private static bool Fail(LoginThrottle t, string account, string ip) => t.TryBegin(account, ip) is null;

    [Fact]
    public void Throttle_AfterThreshold_LocksThatAddressUntilLockoutPasses()
    {
        var t = Throttle();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Fail(t, i == 2 ? "ALICE " : "alice", "1.2.3.4"));
        }
        Assert.Equal(60, t.TryBegin("alice", "1.2.3.4"));
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(t.TryBegin("alice", "1.2.3.4"));
    }

    [Fact]
    public void Throttle_AttackerLocked_OwnerFromAnotherAddressStillAllowed()
    {
        var t = Throttle(perAccount: 3, perAccountAnyIp: 10);
        for (var i = 0; i < 3; i++)
        {
            Fail(t, "alice", "6.6.6.6");
        }
        Assert.NotNull(t.TryBegin("alice", "6.6.6.6"));
        Assert.Null(t.TryBegin("alice", "1.2.3.4"));
    }

    [Fact]
    public void Throttle_AccountFromManyAddresses_LocksAtTheLooserLimit()
    {
        var t = Throttle(perAccount: 3, perAccountAnyIp: 6);
        for (var i = 0; i < 6; i++)
        {
            Assert.True(Fail(t, "erin", $"10.0.0.{i}"));
        }
        Assert.Equal(60, t.TryBegin("erin", "10.0.0.99"));
        Assert.Null(t.TryBegin("frank", "10.0.0.99"));
    }

    [Fact]
    public void Throttle_FurtherFailuresAfterALock_DoubleIt()
    {
        var t = Throttle();
        for (var i = 0; i < 3; i++)
        {
            Fail(t, "bob", "1.2.3.4");
        }
        Assert.Equal(60, t.TryBegin("bob", "1.2.3.4"));
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.True(Fail(t, "bob", "1.2.3.4"));
        Assert.Equal(120, t.TryBegin("bob", "1.2.3.4"));
    }

    [Fact]
    public void Throttle_RefusedAttempt_IsNotCounted()
    {
        var t = Throttle();
        for (var i = 0; i < 3; i++)
        {
            Fail(t, "gina", "1.2.3.4");
        }
        for (var i = 0; i < 10; i++)
        {
            Assert.NotNull(t.TryBegin("gina", "1.2.3.4"));
        }
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.True(Fail(t, "gina", "1.2.3.4"));
        Assert.Equal(120, t.TryBegin("gina", "1.2.3.4"));
    }

    [Fact]
    public void Throttle_Success_ResetsThePair()
    {
        var t = Throttle(perAccount: 3);
        Fail(t, "carol", "1.2.3.4");
        Fail(t, "carol", "1.2.3.4");
        Assert.Null(t.TryBegin("carol", "1.2.3.4"));
        t.Succeeded("carol", "1.2.3.4");
        Fail(t, "carol", "1.2.3.4");
        Assert.Null(t.TryBegin("carol", "1.2.3.4"));
    }

    [Fact]
    public void Throttle_Success_GivesTheAttemptBackToTheAccountAndIpCounters()
    {
        var t = Throttle(perAccount: 100, perAccountAnyIp: 3);
        Fail(t, "ivy", "1.2.3.4");
        Fail(t, "ivy", "1.2.3.5");
        // The third attempt reaches both thresholds and locks, until it turns out right.
        Assert.Null(t.TryBegin("ivy", "1.2.3.4"));
        Assert.NotNull(t.TryBegin("ivy", "1.2.3.6"));
        t.Succeeded("ivy", "1.2.3.4");
        Assert.Null(t.TryBegin("ivy", "1.2.3.6"));
    }

    [Fact]
    public void Throttle_PerIp_LocksEveryAccountFromThatIp()
    {
        var t = Throttle(perAccount: 100, perIp: 3);
        Fail(t, "a", "9.9.9.9");
        Fail(t, "b", "9.9.9.9");
        Fail(t, "c", "9.9.9.9");
        Assert.NotNull(t.TryBegin("d", "9.9.9.9"));
        Assert.Null(t.TryBegin("d", "8.8.8.8"));
    }

    [Fact]
    public void Throttle_OldFailures_AreForgottenAfterTheWindow()
    {
        var t = Throttle();
        Fail(t, "dave", "1.2.3.4");
        Fail(t, "dave", "1.2.3.4");
        time.Advance(TimeSpan.FromMinutes(16));
        Fail(t, "dave", "1.2.3.4");
        Assert.Null(t.TryBegin("dave", "1.2.3.4"));
    }

    [Fact]
    public void Throttle_ParallelAttempts_NeverPassMoreThanTheThreshold()
    {
        var t = Throttle(perAccount: 5);
        var passed = 0;
        Parallel.For(0, 200, _ =>
        {
            if (t.TryBegin("hank", "1.2.3.4") is null)
            {
                Interlocked.Increment(ref passed);
            }
        });
        Assert.Equal(5, passed);
    }
}
