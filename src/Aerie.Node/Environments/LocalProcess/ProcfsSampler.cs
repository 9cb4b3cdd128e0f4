namespace Aerie.Node.Environments.LocalProcess;

/// <summary>CPU and memory of a game's processes from /proc. Unsandboxed, they are the session the game was
/// started in (setsid), which also catches grandchildren whose parent has exited; sandboxed, every descendant of
/// the bubblewrap process (orphans are re-parented to the sandbox's PID 1, so none is lost).</summary>
internal sealed class ProcfsSampler(int rootPid, bool sandboxed, TimeProvider time)
{
    // USER_HZ is 100 on every Linux ABI .NET supports.
    private const double TicksPerSecond = 100;
    private long lastTicks = -1;
    private long lastTimestamp;

    public (long MemoryBytes, double CpuAbsolute) Sample()
    {
        var all = ProcStat.All();
        var members = sandboxed ? Descendants(all) : all.Where(p => p.Session == rootPid);
        long ticks = 0, rssPages = 0;
        foreach (var p in members)
        {
            ticks += p.CpuTicks;
            rssPages += p.RssPages;
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

    private List<ProcStat> Descendants(List<ProcStat> all)
    {
        var children = all.ToLookup(p => p.ParentPid);
        var found = all.Where(p => p.Pid == rootPid).ToList();
        for (var i = 0; i < found.Count; i++)
        {
            found.AddRange(children[found[i].Pid]);
        }
        return found;
    }
}
