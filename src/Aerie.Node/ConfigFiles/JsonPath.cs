using System.Text.RegularExpressions;

namespace Aerie.Node.ConfigFiles;

/// <summary>A <c>match</c> of the json/yaml/toml parsers split into segments: <c>a.b</c>, array indexes as
/// <c>a[0].b</c> (Wings) or <c>a.0.b</c> (Pelican), and <c>*</c> for every child — the first one only, a later
/// <c>*</c> is an ordinary key.</summary>
internal static partial class JsonPath
{
    public const string Wildcard = "*";

    public static List<string> Split(string match)
    {
        var segments = new List<string>();
        foreach (var part in match.Split('.'))
        {
            var index = Indexed().Match(part);
            if (!index.Success)
            {
                segments.Add(part);
                continue;
            }
            if (index.Groups[1].Value.Length > 0)
            {
                segments.Add(index.Groups[1].Value);
            }
            foreach (Capture capture in index.Groups[2].Captures)
            {
                segments.Add(capture.Value);
            }
        }
        var first = segments.IndexOf(Wildcard);
        return first < 0 ? segments : [.. segments.Select((s, i) => i > first && s == Wildcard ? Literal(s) : s)];
    }

    /// <summary>A segment taken as a key even if it reads as a wildcard.</summary>
    public static string Literal(string segment) => "\0" + segment;

    public static string Key(string segment) => segment.StartsWith('\0') ? segment[1..] : segment;

    [GeneratedRegex(@"^([^\[\]]*)(?:\[(\d+)\])+$", RegexOptions.CultureInvariant)]
    private static partial Regex Indexed();
}
