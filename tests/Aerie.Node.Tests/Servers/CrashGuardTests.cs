using Aerie.Node.Servers;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Node.Tests.Servers;

public sealed class CrashGuardTests
{
    [Fact]
    public void RecordCrash_First_Restarts()
    {
        var guard = new CrashGuard(TimeSpan.FromSeconds(60), new FakeTimeProvider());
        Assert.True(guard.RecordCrash());
    }

    [Fact]
    public void RecordCrash_SecondWithinWindow_Aborts()
    {
        var time = new FakeTimeProvider();
        var guard = new CrashGuard(TimeSpan.FromSeconds(60), time);
        guard.RecordCrash();
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(guard.RecordCrash());
    }

    [Fact]
    public void RecordCrash_WindowMeasuredFromTheLastCrash_EvenAnAbortedOne()
    {
        var time = new FakeTimeProvider();
        var guard = new CrashGuard(TimeSpan.FromSeconds(60), time);
        guard.RecordCrash();
        time.Advance(TimeSpan.FromSeconds(50));
        Assert.False(guard.RecordCrash());
        time.Advance(TimeSpan.FromSeconds(50)); // 100 s after the first, 50 s after the aborted one
        Assert.False(guard.RecordCrash());
    }

    [Fact]
    public void RecordCrash_WindowPassed_RestartsAgain()
    {
        var time = new FakeTimeProvider();
        var guard = new CrashGuard(TimeSpan.FromSeconds(60), time);
        guard.RecordCrash();
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.True(guard.RecordCrash());
    }
}
