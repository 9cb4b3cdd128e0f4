using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.ConfigFiles;

/// <summary>
/// The <c>ini</c> parser: <c>section.key</c>, <c>[sec.with.dots].key</c> or a bare root <c>key</c> is set, or added
/// at the end of its section (a missing section is appended); <c>if_value</c> is ignored, as in Wings. Comments and
/// blank lines stay where they are; every key line is written <c>key = value</c>.
/// </summary>
internal sealed class IniParser : IConfigParser
{
    public string Rewrite(string content, IReadOnlyList<ConfigReplacement> rules, ConfigPlaceholders placeholders)
    {
        var document = IniDocument.Parse(content);
        foreach (var rule in rules)
        {
            var (section, key) = SplitMatch(rule.Match);
            if (key.Length > 0)
            {
                document.Set(section, key, placeholders.Resolve(ConfigValue.Text(rule.ReplaceWith)));
            }
        }
        return document.Write();
    }

    /// <summary>The section is the text before the first dot outside brackets, brackets stripped; no dot = root.</summary>
    internal static (string Section, string Key) SplitMatch(string match)
    {
        if (match.StartsWith('['))
        {
            var close = match.IndexOf(']', StringComparison.Ordinal);
            if (close > 0 && close + 1 < match.Length && match[close + 1] == '.')
            {
                return (match[1..close], match[(close + 2)..]);
            }
        }
        var dot = match.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? ("", match) : (match[..dot], match[(dot + 1)..]);
    }
}
