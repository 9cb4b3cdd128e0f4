using System.Globalization;

namespace Aerie.Node.Backups;

/// <summary>`(restoring): &lt;path&gt;` daemon messages, at most <see cref="PerSecond"/> a second (beyond Wings, which sends
/// one per file and floods the console of a large restore), then one summary line.</summary>
internal sealed class RestoreProgress(Action<string> message, TimeProvider time)
{
    public const int PerSecond = 10;
    private long windowStart = long.MinValue;
    private int inWindow;
    private int restored;
    private int unlisted;

    public void Entry(string path)
    {
        restored++;
        Publish("(restoring): " + path);
    }

    /// <summary>An entry left out (a link out of the root), said in the same throttled stream.</summary>
    public void Skipped(string path, string why) => Publish($"(restoring): skipped {path}: {why}");

    private void Publish(string text)
    {
        var now = time.GetTimestamp();
        if (windowStart == long.MinValue || time.GetElapsedTime(windowStart, now) >= TimeSpan.FromSeconds(1))
        {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow < PerSecond)
        {
            inWindow++;
            message(text);
            return;
        }
        unlisted++;
    }

    public void Summary() => message(unlisted > 0
        ? string.Create(CultureInfo.InvariantCulture, $"(restoring): {restored} entries restored, {unlisted} of them not listed above")
        : string.Create(CultureInfo.InvariantCulture, $"(restoring): {restored} entries restored"));
}
