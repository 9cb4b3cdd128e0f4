using System.Globalization;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>The fields of <c>/proc/&lt;pid&gt;/stat</c> the runtime uses.</summary>
internal readonly record struct ProcStat(int Pid, int ParentPid, int Session, long CpuTicks, long RssPages)
{
    /// <summary>Every process the node can see right now.</summary>
    public static List<ProcStat> All()
    {
        var all = new List<ProcStat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (name.Length > 0 && char.IsAsciiDigit(name[0]) && int.TryParse(name, CultureInfo.InvariantCulture, out var pid) && TryRead(dir, pid, out var stat))
            {
                all.Add(stat);
            }
        }
        return all;
    }

    private static bool TryRead(string dir, int pid, out ProcStat stat)
    {
        stat = default;
        try
        {
            var text = File.ReadAllText(Path.Combine(dir, "stat"));
            var close = text.LastIndexOf(')');
            if (close < 0)
            {
                return false;
            }
            // f[0] is field 3 (state): ppid = 4, session = 6, utime = 14, stime = 15, rss = 24.
            var f = text[(close + 2)..].Split(' ');
            if (f.Length <= 21)
            {
                return false;
            }
            stat = new ProcStat(pid, Int(f[1]), Int(f[3]), Long(f[11]) + Long(f[12]), Long(f[21]));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return false; // the process exited while we looked
        }
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static long Long(string s) => long.Parse(s, CultureInfo.InvariantCulture);
}
