using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;

namespace Aerie.Node.WebSockets;

/// <summary>Per-socket token buckets: a global one over every frame, and one per event kind. A dropped frame
/// yields a <c>throttled</c> notice once per episode (an episode ends when that bucket admits a frame again).</summary>
internal sealed class InboundLimiter(WebsocketConfig c, TimeProvider time)
{
    // Each bucket is made on its event's first frame: a bucket starts full and refills to full while untouched, so one
    // made late is the same as one made at open, and an idle socket (most of them) holds none.
    private Bucket? global;
    private Bucket? auth;
    private Bucket? logs;
    private Bucket? command;
    private Bucket? stats;
    private Bucket? state;
    private Bucket? other;

    /// <summary>True when the frame may be handled; otherwise <paramref name="notify"/> holds the name to send in
    /// a <c>throttled</c> frame, or null when this episode was already announced.</summary>
    public bool TryAcquire(string eventName, out string? notify)
    {
        notify = null;
        var all = global ??= new Bucket(c.GlobalRate, time);
        if (!all.TryTake())
        {
            notify = all.Announce() ? SocketEvents.GlobalThrottle : null;
            return false;
        }
        var bucket = eventName switch
        {
            SocketEvents.Auth => auth ??= new(c.AuthRate, time),
            SocketEvents.SendLogs => logs ??= new(c.LogsRate, time),
            SocketEvents.SendCommand => command ??= new(c.CommandRate, time),
            SocketEvents.SendStats => stats ??= new(c.OtherRate, time),
            SocketEvents.SetState => state ??= new(c.OtherRate, time),
            _ => other ??= new(c.OtherRate, time),
        };
        if (!bucket.TryTake())
        {
            notify = bucket.Announce() ? eventName : null;
            return false;
        }
        return true;
    }

    /// <summary>Starts full (<c>burst</c> tokens); one token per <c>period</c>, counted from the last refill.
    /// Only the socket's receive loop calls it, so no lock.</summary>
    private sealed class Bucket(RateConfig rate, TimeProvider time)
    {
        private readonly int burst = Math.Max(1, rate.Burst);
        private readonly TimeSpan period = TimeSpan.FromSeconds(rate.Period);
        private double tokens = Math.Max(1, rate.Burst);
        private long refilledAt = time.GetTimestamp();
        private bool announced;

        public bool TryTake()
        {
            var now = time.GetTimestamp();
            var gained = period > TimeSpan.Zero ? time.GetElapsedTime(refilledAt, now) / period : burst;
            tokens = Math.Min(burst, tokens + gained);
            refilledAt = now;
            if (tokens < 1)
            {
                return false;
            }
            tokens -= 1;
            announced = false;
            return true;
        }

        public bool Announce()
        {
            var first = !announced;
            announced = true;
            return first;
        }
    }
}
