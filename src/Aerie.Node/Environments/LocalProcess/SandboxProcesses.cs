using System.Globalization;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>
/// The processes of a sandbox as the host sees them. The process the daemon started is bubblewrap's outer
/// half; its one child is the sandbox's PID 1 (bubblewrap's init, which ignores signals it has no handler
/// for), whose session and process group the game runs in (<c>--new-session</c>). Every process of the
/// sandbox descends from that child, even one that left the game's session with <c>setsid()</c>.
/// </summary>
internal static class SandboxProcesses
{
    /// <summary>The host PID of the sandbox's PID 1, or 0 while bubblewrap is still setting it up.</summary>
    public static int Init(int outerPid)
    {
        var children = $"/proc/{outerPid}/task/{outerPid}/children";
        try
        {
            var first = File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return first is not null && int.TryParse(first, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A kernel without /proc/<pid>/task/<tid>/children: walk /proc.
            return ProcStat.All().FirstOrDefault(p => p.ParentPid == outerPid).Pid;
        }
    }

    /// <summary>Waits (bounded) for the sandbox's PID 1 to exist.</summary>
    public static async Task<int> InitAsync(int outerPid, TimeProvider time)
    {
        for (var i = 0; i < 50; i++)
        {
            if (Init(outerPid) is var pid and > 0)
            {
                return pid;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), time);
        }
        return 0;
    }
}
