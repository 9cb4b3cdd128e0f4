using System.Collections;

namespace Aerie.Cli;

/// <summary>The process environment as a plain map, so tests hand the commands their own instead of mutating the process's.</summary>
internal static class CliEnvironment
{
    public static IReadOnlyDictionary<string, string> Current()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            map[(string)entry.Key] = (string?)entry.Value ?? "";
        }
        return map;
    }
}
