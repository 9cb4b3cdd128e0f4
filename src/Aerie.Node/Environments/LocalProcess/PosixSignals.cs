using System.Runtime.InteropServices;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>Signals by name (an allow-list, so a config value never reaches anything but this table) and
/// delivery to a whole process group.</summary>
internal static partial class PosixSignals
{
    public const int SigKill = 9;

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SIGHUP"] = 1,
        ["SIGINT"] = 2,
        ["SIGQUIT"] = 3,
        ["SIGABRT"] = 6,
        ["SIGKILL"] = 9,
        ["SIGUSR1"] = 10,
        ["SIGUSR2"] = 12,
        ["SIGTERM"] = 15,
    };

    public static bool TryParse(string name, out int number) =>
        Numbers.TryGetValue(name.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? name : "SIG" + name, out number);

    /// <summary>Sends the signal to every process in the group led by <paramref name="groupId"/>.</summary>
    public static bool SignalGroup(int groupId, int signal) => groupId > 0 && Kill(-groupId, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
