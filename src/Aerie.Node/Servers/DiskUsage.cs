namespace Aerie.Node.Servers;

/// <summary>Bytes used by a server folder; walked at most every few seconds, since stats ask every second.</summary>
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
