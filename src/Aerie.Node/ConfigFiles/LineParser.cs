using System.Text;
using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.ConfigFiles;

/// <summary>
/// The <c>file</c> parser: every line that starts with a rule's <c>match</c> is replaced whole by its
/// <c>replace_with</c>, verbatim (no placeholders, no <c>if_value</c>). Only the first matching rule counts: Wings
/// writes one replacement per matching rule, which turns one line into several.
/// </summary>
internal sealed class LineParser : IConfigParser
{
    public string Rewrite(string content, IReadOnlyList<ConfigReplacement> rules, ConfigPlaceholders placeholders)
    {
        var output = new StringBuilder(content.Length + 64);
        foreach (var line in Lines(content))
        {
            var rule = rules.FirstOrDefault(r => line.StartsWith(r.Match, StringComparison.Ordinal));
            output.Append(rule is null ? line : ConfigValue.Text(rule.ReplaceWith)).Append('\n');
        }
        return output.ToString();
    }

    private static IEnumerable<string> Lines(string content)
    {
        if (content.Length == 0)
        {
            yield break;
        }
        var lines = content.Split('\n');
        // A final newline ends the last line; it does not start another one.
        var count = content.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            yield return lines[i].TrimEnd('\r');
        }
    }
}
