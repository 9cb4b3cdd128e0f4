using System.Globalization;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>CPU and memory of a process tree from /proc. The tree is every process in the session the game was
/// started in (setsid), which also catches grandchildren whose parent has exited.</summary>
internal sealed class ProcfsSampler(int sessionId, TimeProvider time)
{
    // USER_HZ is 100 on every Linux ABI .NET supports.
    private const double TicksPerSecond = 100;
    private long lastTicks = -1;
    private long lastTimestamp;

    public (long MemoryBytes, double CpuAbsolute) Sample()
    {
        long ticks = 0, rssPages = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir.AsSpan());
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]) || !TryRead(dir, out var fields))
            {
                continue;
            }
            // fields[0] is field 3 (state) of /proc/pid/stat: session = 6, utime = 14, stime = 15, rss = 24.
            if (fields.Length > 21 && fields[3] == sessionId.ToString(CultureInfo.InvariantCulture))
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                rssPages += long.Parse(fields[21], CultureInfo.InvariantCulture);
            }
        }
        var now = time.GetTimestamp();
        var cpu = 0.0;
        if (lastTicks >= 0)
        {
            var seconds = time.GetElapsedTime(lastTimestamp, now).TotalSeconds;
            cpu = seconds > 0 ? Math.Max(0, (ticks - lastTicks) / TicksPerSecond / seconds * 100) : 0;
        }
        lastTicks = ticks;
        lastTimestamp = now;
        return (rssPages * Environment.SystemPageSize, Math.Round(cpu, 3));
    }

    private static bool TryRead(string dir, out string[] fields)
    {
        fields = [];
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var close = stat.LastIndexOf(')');
            if (close < 0)
            {
                return false;
            }
            fields = stat[(close + 2)..].Split(' ');
            return true;
        }
        catch (IOException)
        {
            return false; // the process exited while we looked
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
