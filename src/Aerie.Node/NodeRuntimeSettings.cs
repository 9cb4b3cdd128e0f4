using System.Collections;
using System.Runtime.InteropServices;

namespace Aerie.Node;

/// <summary>
/// GC settings the node daemon runs with, which the shared <c>aerie</c> exe cannot take from its runtimeconfig:
/// the runtime reads the gen0 budget only from the environment (<c>DOTNET_GCgen0size</c> has no runtimeconfig
/// name; <c>System.GC.Gen0Size</c> and <c>System.GC.HeapHardLimitPercent</c> were measured to change nothing), and
/// by default sizes it from the L3 cache — 105 MiB on this bench machine, so a 52 MiB gen0 that an idle node keeps
/// committed. <c>aerie node</c> therefore replaces itself once (execve: same pid, same descriptors) with the
/// variable set; the panel keeps the defaults. An operator's own value, or the variable already set by that
/// exec, is left alone, so it happens at most once. Known gap: the diagnostics socket the first runtime created
/// keeps its name (pid + start time) and is not re-bound, so dotnet-counters/dotnet-gcdump are refused by an
/// exec'd node; set the variable in the service's environment to profile one.
/// </summary>
internal static partial class NodeRuntimeSettings
{
    public const string Variable = "DOTNET_GCgen0size";

    /// <summary>4 MiB, in hex as the runtime parses it: idle RSS 141 → 95 MiB with 10 servers (docs/benchmarks.md).</summary>
    public const string Gen0Budget = "0x400000";

    /// <summary>Re-executes <c>aerie node …</c> with the node's GC settings; returns when it did not (another
    /// command, the variable already set, not Linux, or the exec failed — the settings are an optimisation).</summary>
    public static void ApplyToSelf(string[] args)
    {
        if (!OperatingSystem.IsLinux() || Environment.ProcessPath is not { } host)
        {
            return;
        }
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        if (Exec(args, host, Environment.GetCommandLineArgs()[0], environment) is not { } exec)
        {
            return;
        }
        // Only returns on failure; the node then runs with the defaults (and the strings are freed).
        var argv = NullTerminated(exec.Argv);
        var envp = NullTerminated(exec.Environment);
        try
        {
            _ = ExecVe(exec.Argv[0], argv, envp);
        }
        finally
        {
            foreach (var p in argv.Concat(envp))
            {
                Marshal.FreeCoTaskMem(p);
            }
        }
    }

    private static IntPtr[] NullTerminated(string[] strings) => [.. strings.Select(Marshal.StringToCoTaskMemUTF8), IntPtr.Zero];

    /// <summary>The exec that applies the settings, or null when none is needed.</summary>
    /// <param name="host">the running executable: the <c>dotnet</c> muxer or the <c>aerie</c> apphost</param>
    /// <param name="entry">the entry assembly the muxer was given (<c>Environment.GetCommandLineArgs()[0]</c>)</param>
    internal static (string[] Argv, string[] Environment)? Exec(string[] args, string host, string entry, IReadOnlyDictionary<string, string> environment)
    {
        if (args is not ["node", ..] || environment.ContainsKey(Variable))
        {
            return null;
        }
        string[] argv = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, entry, .. args] : [host, .. args];
        string[] env = [.. environment.Select(e => e.Key + "=" + e.Value), Variable + "=" + Gen0Budget];
        return (argv, env);
    }

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ExecVe(string path, IntPtr[] argv, IntPtr[] envp);
}
