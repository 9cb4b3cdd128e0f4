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
}
