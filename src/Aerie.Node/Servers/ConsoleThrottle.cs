namespace Aerie.Node.Servers;

/// <summary>At most <c>lines</c> live lines per window. An episode starts at the first dropped line (the caller
/// sends one notice) and ends after a window without drops.</summary>
internal sealed class ConsoleThrottle(int lines, TimeSpan window, TimeProvider time)
{
    private long windowStart = time.GetTimestamp();
    private int count;
    private bool droppedThisWindow;
    private bool episode;

    /// <summary>True when the line may be sent live; <paramref name="startsEpisode"/> on the first drop of an episode.</summary>
    public bool Allow(out bool startsEpisode)
    {
        startsEpisode = false;
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(windowStart, now);
        if (elapsed >= window)
        {
            if (!droppedThisWindow || elapsed >= window * 2)
            {
                episode = false;
            }
            windowStart = now;
            count = 0;
            droppedThisWindow = false;
        }
        if (++count <= lines)
        {
            return true;
        }
        droppedThisWindow = true;
        if (!episode)
        {
            episode = true;
            startsEpisode = true;
        }
        return false;
    }
}
