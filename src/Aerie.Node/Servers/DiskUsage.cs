namespace Aerie.Node.Servers;

/// <summary>Bytes used by a server folder; walked at most every few seconds, since stats ask every second. Writes of
/// the file API adjust the figure in between (<see cref="Adjust"/>, <see cref="TryAdd"/>), as Wings does.</summary>
internal sealed class DiskUsage(string directory, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private long bytes;
    private long measuredAt = long.MinValue;

    public long Bytes()
    {
        var now = time.GetTimestamp();
        if (measuredAt != long.MinValue && time.GetElapsedTime(measuredAt, now) < CacheFor)
        {
            return Volatile.Read(ref bytes);
        }
        return Measure();
    }

    /// <summary>Counts bytes the node wrote (positive) or removed (negative) until the next walk.</summary>
    public void Adjust(long delta) => Interlocked.Add(ref bytes, delta);

    /// <summary>Adds <paramref name="delta"/> when the figure stays within <paramref name="limit"/> (0: no limit);
    /// false, and nothing added, when it would not. Atomic, so parallel writes cannot both take the last bytes.</summary>
    public bool TryAdd(long delta, long limit)
    {
        _ = Bytes(); // refresh a stale figure first
        while (true)
        {
            var current = Volatile.Read(ref bytes);
            if (limit > 0 && delta > 0 && current + delta > limit)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref bytes, current + delta, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Walks the folder now (and refreshes the cached figure).</summary>
    public long Measure()
    {
        measuredAt = time.GetTimestamp();
        long total = 0;
        try
        {
            if (Directory.Exists(directory))
            {
                var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
                total = new DirectoryInfo(directory).EnumerateFiles("*", options).Sum(f => f.Length);
            }
        }
        catch (IOException)
        {
            // files come and go while we walk
        }
        Volatile.Write(ref bytes, total);
        return total;
    }
}
