using System.Text.RegularExpressions;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>The commands public install scripts rely on most (spec 05 §9: curl, tar, jq, unzip, wget, git), found in a
/// script by name, so an install on a host without one says so before the script fails somewhere in its middle.</summary>
internal static partial class ScriptCommands
{
    public static readonly string[] Watched = ["curl", "tar", "jq", "unzip", "wget", "git"];

    /// <summary>The watched commands the script names that <paramref name="exists"/> says the host lacks, in list order.</summary>
    public static List<string> Missing(string script, Func<string, bool> exists)
    {
        var used = Word().Matches(script).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        return Watched.Where(c => used.Contains(c) && !exists(c)).ToList();
    }

    /// <summary>True when an executable of that name is on the sandbox's default PATH (the host's system folders).</summary>
    public static bool OnHost(string command)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }
        foreach (var dir in SandboxCommand.DefaultPath.Split(':'))
        {
            var path = Path.Combine(dir, command);
            if (File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return true;
            }
        }
        return false;
    }

    // A whole word: not part of a longer name, a path or a file name ("start", "github", "x.tar.gz").
    [GeneratedRegex(@"(?<![\w./-])(curl|tar|jq|unzip|wget|git)(?![\w-])")]
    private static partial Regex Word();
}
