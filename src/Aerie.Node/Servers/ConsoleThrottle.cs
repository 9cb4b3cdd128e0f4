namespace Aerie.Node.Servers;

/// <summary>
/// Spec 02's console throttle as a token bucket: capacity <c>lines</c>, refilled continuously at <c>lines</c>
/// per <c>window</c> — the same average limit as "at most N lines per window", but measured on a sliding
/// basis. A fixed window counted when the daemon reads the pipe dropped lines from a game writing at exactly
/// the limit whenever the reader was late (a late read lands two windows' lines in one); the bucket lets that
/// catch-up through while a sustained flood above the rate is still held to it.
/// An episode starts at the first dropped line (the caller sends one notice) and ends once a whole window
/// has passed without a drop.
/// </summary>
internal sealed class ConsoleThrottle
{
    private readonly TimeProvider time;
    private readonly long lines;
    private readonly long windowTicks;
    private readonly long capacity;

    // Integer units so refill is exact: one line costs windowTicks units, one timestamp tick refills `lines` units.
    private long units;
    private long lastRefill;
    private long lastDrop;
    private bool episode;

    public ConsoleThrottle(int lines, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lines);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        this.time = time;
        this.lines = lines;
        windowTicks = Math.Max(1, (long)(window.TotalSeconds * time.TimestampFrequency));
        capacity = this.lines * windowTicks;
        units = capacity;
        lastRefill = time.GetTimestamp();
    }

    /// <summary>True when the line may be sent live; <paramref name="startsEpisode"/> on the first drop of an episode.</summary>
    public bool Allow(out bool startsEpisode)
    {
        startsEpisode = false;
        var now = time.GetTimestamp();
        var elapsed = now - lastRefill;
        if (elapsed > 0)
        {
            // A full window refills the bucket; capping first keeps the product far from overflow.
            units = elapsed >= windowTicks ? capacity : Math.Min(capacity, units + elapsed * lines);
            lastRefill = now;
        }
        if (episode && now - lastDrop > windowTicks)
        {
            episode = false;
        }
        if (units >= windowTicks)
        {
            units -= windowTicks;
            return true;
        }
        lastDrop = now;
        if (!episode)
        {
            episode = true;
            startsEpisode = true;
        }
        return false;
    }
}
