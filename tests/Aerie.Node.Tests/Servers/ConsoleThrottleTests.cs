using Aerie.Node.Servers;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Node.Tests.Servers;

public sealed class ConsoleThrottleTests
{
    private static (int Allowed, int Notices) Run(ConsoleThrottle throttle, int lines)
    {
        int allowed = 0, notices = 0;
        for (var i = 0; i < lines; i++)
        {
            if (throttle.Allow(out var notice))
            {
                allowed++;
            }
            notices += notice ? 1 : 0;
        }
        return (allowed, notices);
    }

    [Fact]
    public void Allow_OverLimit_DropsWithOneNoticePerEpisode()
    {
        var time = new FakeTimeProvider();
        var throttle = new ConsoleThrottle(2000, TimeSpan.FromMilliseconds(100), time);
        Assert.Equal((2000, 1), Run(throttle, 2500));
        time.Advance(TimeSpan.FromMilliseconds(100));
        // still flooding: a new window admits lines again but the episode goes on, no second notice
        Assert.Equal((2000, 0), Run(throttle, 2500));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal((10, 0), Run(throttle, 10));
        time.Advance(TimeSpan.FromMilliseconds(100));
        // a calm window ended the episode: the next flood is announced again
        Assert.Equal((2000, 1), Run(throttle, 2001));
    }

    [Fact]
    public void Allow_AfterLongSilence_NewEpisode()
    {
        var time = new FakeTimeProvider();
        var throttle = new ConsoleThrottle(5, TimeSpan.FromMilliseconds(100), time);
        Assert.Equal((5, 1), Run(throttle, 6));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal((5, 1), Run(throttle, 6));
    }

    [Fact]
    public void Allow_LateReadAtExactlyTheRate_DropsNothing()
    {
        // A game writing exactly 2000 lines / 100 ms (20 per ms), read by a daemon that is late once:
        // the read at 105 ms carries the lines of 10–105 ms. A fixed window restarted at that read would
        // count 1900 + 900 lines in "one window" at 150 ms and drop 800 of them.
        var time = new FakeTimeProvider();
        var throttle = new ConsoleThrottle(2000, TimeSpan.FromMilliseconds(100), time);
        time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal((200, 0), Run(throttle, 200));
        time.Advance(TimeSpan.FromMilliseconds(95));
        Assert.Equal((1900, 0), Run(throttle, 1900));
        time.Advance(TimeSpan.FromMilliseconds(45));
        Assert.Equal((900, 0), Run(throttle, 900));
    }

    [Fact]
    public void Allow_SustainedFloodAboveTheRate_HeldToTheAverageRate()
    {
        var time = new FakeTimeProvider();
        var throttle = new ConsoleThrottle(2000, TimeSpan.FromMilliseconds(100), time);
        Assert.Equal((2000, 0), Run(throttle, 2000));
        var (allowed, notices) = (0, 0);
        for (var i = 0; i < 50; i++)
        {
            // 30 lines per ms asked, 20 per ms is the limit: each 10 ms step admits exactly 200.
            time.Advance(TimeSpan.FromMilliseconds(10));
            var step = Run(throttle, 300);
            Assert.Equal(200, step.Allowed);
            (allowed, notices) = (allowed + step.Allowed, notices + step.Notices);
        }
        Assert.Equal((10_000, 1), (allowed, notices));
    }
}
