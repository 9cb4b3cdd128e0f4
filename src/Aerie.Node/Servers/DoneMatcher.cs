using System.Text.RegularExpressions;

namespace Aerie.Node.Servers;

/// <summary>The server's "done" markers: substrings, or regexes when written <c>regex:&lt;pattern&gt;</c>.</summary>
internal sealed class DoneMatcher
{
    private const string RegexPrefix = "regex:";
    private readonly string[] substrings;
    private readonly Regex[] patterns;

    public DoneMatcher(IEnumerable<string> markers)
    {
        var list = markers.Where(m => m.Length > 0).ToList();
        substrings = [.. list.Where(m => !m.StartsWith(RegexPrefix, StringComparison.Ordinal))];
        patterns = [.. list.Where(m => m.StartsWith(RegexPrefix, StringComparison.Ordinal))
            .Select(m => new Regex(m[RegexPrefix.Length..], RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)))];
    }

    public bool IsEmpty => substrings.Length == 0 && patterns.Length == 0;

    public bool Matches(string line)
    {
        foreach (var s in substrings)
        {
            if (line.Contains(s, StringComparison.Ordinal))
            {
                return true;
            }
        }
        foreach (var p in patterns)
        {
            try
            {
                if (p.IsMatch(line))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // a pathological pattern must not stall the console
            }
        }
        return false;
    }
}
