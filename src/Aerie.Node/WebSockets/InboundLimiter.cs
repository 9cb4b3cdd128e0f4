using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;

namespace Aerie.Node.WebSockets;

/// <summary>Per-socket token buckets: a global one over every frame, and one per event kind. A dropped frame
/// yields a <c>throttled</c> notice once per episode (an episode ends when that bucket admits a frame again).</summary>
internal sealed class InboundLimiter
{
    private const string Other = "";
    private readonly Bucket global;
    private readonly Dictionary<string, Bucket> perEvent;

    public InboundLimiter(WebsocketConfig c, TimeProvider time)
    {
        global = new Bucket(c.GlobalRate, time);
        perEvent = new(StringComparer.Ordinal)
        {
            [SocketEvents.Auth] = new(c.AuthRate, time),
            [SocketEvents.SendLogs] = new(c.LogsRate, time),
            [SocketEvents.SendCommand] = new(c.CommandRate, time),
            [SocketEvents.SendStats] = new(c.OtherRate, time),
            [SocketEvents.SetState] = new(c.OtherRate, time),
            [Other] = new(c.OtherRate, time),
        };
    }

    /// <summary>True when the frame may be handled; otherwise <paramref name="notify"/> holds the name to send in
    /// a <c>throttled</c> frame, or null when this episode was already announced.</summary>
    public bool TryAcquire(string eventName, out string? notify)
    {
        notify = null;
        if (!global.TryTake())
        {
            notify = global.Announce() ? SocketEvents.GlobalThrottle : null;
            return false;
        }
        var bucket = perEvent.TryGetValue(eventName, out var b) ? b : perEvent[Other];
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
