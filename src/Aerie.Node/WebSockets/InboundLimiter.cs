using System.Threading.RateLimiting;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;

namespace Aerie.Node.WebSockets;

/// <summary>Per-socket token buckets: a global one over every frame, and one per event kind. A dropped frame
/// yields a <c>throttled</c> notice once per episode (an episode ends when that bucket admits a frame again).</summary>
internal sealed class InboundLimiter : IDisposable
{
    private const string Other = "";
    private readonly Bucket global;
    private readonly Dictionary<string, Bucket> perEvent;

    public InboundLimiter(WebsocketConfig c)
    {
        global = new Bucket(c.GlobalRate);
        perEvent = new(StringComparer.Ordinal)
        {
            [SocketEvents.Auth] = new(c.AuthRate),
            [SocketEvents.SendLogs] = new(c.LogsRate),
            [SocketEvents.SendCommand] = new(c.CommandRate),
            [SocketEvents.SendStats] = new(c.OtherRate),
            [SocketEvents.SetState] = new(c.OtherRate),
            [Other] = new(c.OtherRate),
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

    public void Dispose()
    {
        global.Dispose();
        foreach (var b in perEvent.Values.Distinct())
        {
            b.Dispose();
        }
    }

    private sealed class Bucket(RateConfig rate) : IDisposable
    {
        private readonly TokenBucketRateLimiter limiter = new(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, rate.Burst),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(rate.Period),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        private bool announced;

        public bool TryTake()
        {
            using var lease = limiter.AttemptAcquire();
            if (lease.IsAcquired)
            {
                announced = false;
            }
            return lease.IsAcquired;
        }

        public bool Announce()
        {
            var first = !announced;
            announced = true;
            return first;
        }

        public void Dispose() => limiter.Dispose();
    }
}
