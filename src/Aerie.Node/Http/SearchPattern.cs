using System.Text.RegularExpressions;

namespace Aerie.Node.Http;

/// <summary>Pelican's search match (spec 06 §2 <c>search</c>), case-insensitive: with <c>*</c> or <c>?</c> a glob on the
/// name; otherwise a substring of the name, or the name's extension (<c>.jar</c> and <c>jar</c> alike).</summary>
internal static class SearchPattern
{
    public static Func<string, bool> For(string pattern)
    {
        if (pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal))
        {
            var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
            return regex.IsMatch;
        }
        var extension = pattern.StartsWith('.') ? pattern : "." + pattern;
        return name => name.Contains(pattern, StringComparison.OrdinalIgnoreCase)
            || Path.GetExtension(name).Equals(extension, StringComparison.OrdinalIgnoreCase);
    }
}
