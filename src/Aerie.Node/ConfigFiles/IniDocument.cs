using System.Text;

namespace Aerie.Node.ConfigFiles;

/// <summary>An ini file as lines, each knowing its section, so a rewrite keeps comments and order.</summary>
internal sealed class IniDocument
{
    private readonly List<Line> lines = [];

    public static IniDocument Parse(string content)
    {
        var document = new IniDocument();
        var section = "";
        var text = content.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.EndsWith('\n'))
        {
            text = text[..^1];
        }
        if (text.Length == 0)
        {
            return document;
        }
        foreach (var raw in text.Split('\n'))
        {
            var trimmed = raw.Trim();
            if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
            {
                section = trimmed[1..^1].Trim();
                document.lines.Add(new Line(section, raw, null, null, IsHeader: true));
                continue;
            }
            var separator = trimmed.Length == 0 || trimmed[0] is ';' or '#' ? -1 : trimmed.IndexOfAny(['=', ':']);
            document.lines.Add(separator <= 0
                ? new Line(section, raw, null, null, IsHeader: false)
                : new Line(section, raw, trimmed[..separator].TrimEnd(), trimmed[(separator + 1)..].TrimStart(), IsHeader: false));
        }
        return document;
    }

    public void Set(string section, string key, string value)
    {
        var found = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Key == key && lines[i].Section == section)
            {
                lines[i] = lines[i] with { Value = value };
                found = true;
            }
        }
        if (found)
        {
            return;
        }
        var entry = new Line(section, "", key, value, IsHeader: false);
        var last = lines.FindLastIndex(l => l.Section == section && (l.Key is not null || l.IsHeader));
        if (last >= 0)
        {
            lines.Insert(last + 1, entry);
        }
        else if (section.Length == 0)
        {
            lines.Insert(0, entry);
        }
        else
        {
            lines.Add(new Line(section, "[" + section + "]", null, null, IsHeader: true));
            lines.Add(entry);
        }
    }

    public string Write()
    {
        var output = new StringBuilder();
        foreach (var line in lines)
        {
            output.Append(line.Key is null ? line.Raw : line.Key + " = " + line.Value).Append('\n');
        }
        return output.ToString();
    }

    private sealed record Line(string Section, string Raw, string? Key, string? Value, bool IsHeader);
}
