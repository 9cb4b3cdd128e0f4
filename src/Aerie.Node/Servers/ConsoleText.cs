using System.Text.RegularExpressions;

namespace Aerie.Node.Servers;

internal static partial class ConsoleText
{
    /// <summary>Removes ANSI escape sequences so colored output still matches plain done markers.</summary>
    public static string StripAnsi(string line) => line.Contains('\u001b', StringComparison.Ordinal) ? Ansi().Replace(line, "") : line;

    [GeneratedRegex(@"\u001b\[[0-9;?]*[ -/]*[@-~]")]
    private static partial Regex Ansi();
}
