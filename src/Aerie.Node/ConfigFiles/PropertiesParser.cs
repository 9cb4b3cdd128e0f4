using System.Globalization;
using System.Text;
using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.ConfigFiles;

/// <summary>
/// The <c>properties</c> parser (Java properties, spec 05 §4.2): every rule sets its key (appended when new), or
/// with <c>if_value</c> only when the current value is exactly that. The file is written back as the leading block
/// of comment/blank lines (Minecraft's header) followed by one <c>key=value</c> per line in the original order;
/// other comments are dropped. Values are ASCII-escaped (<c>\uXXXX</c>) so any reader's charset reads them right.
/// </summary>
internal sealed class PropertiesParser : IConfigParser
{
    public string Rewrite(string content, IReadOnlyList<ConfigReplacement> rules, ConfigPlaceholders placeholders)
    {
        var (header, entries) = PropertiesReader.Read(content);
        foreach (var rule in rules)
        {
            var exists = entries.TryGetValue(rule.Match, out var current);
            if (rule.IfValue is not null && (!exists || current != rule.IfValue))
            {
                continue;
            }
            entries[rule.Match] = placeholders.Resolve(ConfigValue.Text(rule.ReplaceWith));
        }
        var output = new StringBuilder();
        foreach (var line in header)
        {
            output.Append(line).Append('\n');
        }
        foreach (var (key, value) in entries)
        {
            output.Append(Escape(key, isKey: true)).Append('=').Append(Escape(value, isKey: false)).Append('\n');
        }
        return output.ToString();
    }

    internal static string Escape(string text, bool isKey)
    {
        var output = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': output.Append(@"\\"); break;
                case '"': output.Append("\\\""); break;
                case '\t': output.Append(@"\t"); break;
                case '\n': output.Append(@"\n"); break;
                case '\r': output.Append(@"\r"); break;
                case '\f': output.Append(@"\f"); break;
                // In a key these would end it; a value's leading space would be eaten by the reader.
                case ' ' when isKey || i == 0: output.Append(@"\ "); break;
                case '=' or ':' or '#' or '!' when isKey: output.Append('\\').Append(c); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        // UTF-16 units, as Java reads them: a character beyond the BMP becomes its surrogate pair.
                        output.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        output.Append(c);
                    }
                    break;
            }
        }
        return output.ToString();
    }
}
