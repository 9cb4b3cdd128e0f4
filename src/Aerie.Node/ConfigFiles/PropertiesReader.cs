using System.Globalization;
using System.Text;

namespace Aerie.Node.ConfigFiles;

/// <summary>Reads Java properties text: the leading comment block, then the entries (unescaped, in first-seen
/// order, a repeated key keeping its last value as <c>java.util.Properties</c> does).</summary>
internal static class PropertiesReader
{
    public static (List<string> Header, OrderedDictionary<string, string> Entries) Read(string content)
    {
        var header = new List<string>();
        var entries = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var inHeader = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart(' ', '\t', '\f');
            if (trimmed.Length == 0 || trimmed[0] is '#' or '!')
            {
                // The text after a final newline is not a line.
                if (inHeader && !(i == lines.Length - 1 && lines[i].Length == 0))
                {
                    header.Add(lines[i]);
                }
                continue;
            }
            inHeader = false;
            var logical = new StringBuilder(trimmed);
            while (EndsInContinuation(logical) && i + 1 < lines.Length)
            {
                logical.Length--;
                logical.Append(lines[++i].TrimStart(' ', '\t', '\f'));
            }
            var (key, value) = Split(logical.ToString());
            entries[key] = value;
        }
        // Trailing blank lines of a file with no entries belong to nobody: keep the comments only.
        while (entries.Count == 0 && header.Count > 0 && header[^1].Trim().Length == 0)
        {
            header.RemoveAt(header.Count - 1);
        }
        return (header, entries);
    }

    private static bool EndsInContinuation(StringBuilder line)
    {
        var slashes = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            slashes++;
        }
        return slashes % 2 == 1;
    }

    private static (string Key, string Value) Split(string line)
    {
        var end = 0;
        while (end < line.Length && !(line[end] is '=' or ':' or ' ' or '\t' or '\f'))
        {
            end += line[end] == '\\' ? 2 : 1;
        }
        end = Math.Min(end, line.Length);
        var rest = end;
        while (rest < line.Length && line[rest] is ' ' or '\t' or '\f')
        {
            rest++;
        }
        if (rest < line.Length && line[rest] is '=' or ':')
        {
            rest++;
            while (rest < line.Length && line[rest] is ' ' or '\t' or '\f')
            {
                rest++;
            }
        }
        return (Unescape(line[..end]), Unescape(line[rest..]));
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }
        var output = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                output.Append(text[i]);
                continue;
            }
            var c = text[++i];
            switch (c)
            {
                case 't': output.Append('\t'); break;
                case 'n': output.Append('\n'); break;
                case 'r': output.Append('\r'); break;
                case 'f': output.Append('\f'); break;
                case 'u' when i + 4 < text.Length && int.TryParse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    output.Append((char)code);
                    i += 4;
                    break;
                default: output.Append(c); break;
            }
        }
        return output.ToString();
    }
}
