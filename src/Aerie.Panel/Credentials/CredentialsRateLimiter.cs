using System.Collections.Concurrent;

namespace Aerie.Panel.Credentials;

/// <summary>Fixed one-minute window per (user, server): one user's reconnect loop cannot starve another's.</summary>
internal sealed class CredentialsRateLimiter(PanelOptions options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(Guid User, Guid Server), Counter> counters = new();

    // Ended windows are swept once per window, not on a size check: ConcurrentDictionary.Count takes every lock of
    // the table, which serialized all concurrent requests. Memory stays bounded by one or two windows of callers.
    private long nextSweepTicks = time.GetUtcNow().Add(Window).UtcTicks;

    /// <summary>Seconds to wait, or null when the request may proceed (and is counted).</summary>
    public int? TryAcquire(Guid userUuid, Guid serverUuid)
    {
        var now = time.GetUtcNow();
        var counter = counters.AddOrUpdate(
            (userUuid, serverUuid),
            _ => new Counter(now, 1),
            (_, c) => now - c.Start >= Window ? new Counter(now, 1) : c with { Count = c.Count + 1 });
        var sweepAt = Interlocked.Read(ref nextSweepTicks);
        if (now.UtcTicks >= sweepAt && Interlocked.CompareExchange(ref nextSweepTicks, now.Add(Window).UtcTicks, sweepAt) == sweepAt)
        {
            foreach (var (key, c) in counters)
            {
                if (now - c.Start >= Window)
                {
                    counters.TryRemove(key, out _);
                }
            }
        }
        if (counter.Count <= options.CredentialsPerMinute)
        {
            return null;
        }
        return Math.Max(1, (int)Math.Ceiling((counter.Start + Window - now).TotalSeconds));
    }

    private sealed record Counter(DateTimeOffset Start, int Count);
}
