using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Api;

/// <summary>
/// A query array in the three spellings clients send (spec 04 §1.1): <c>name=a,b</c>, <c>name[]=a</c> and
/// <c>name[0]=a</c> (PHP's <c>http_build_query</c>, used by Paymenter). Percent-encoded brackets arrive
/// decoded in the key (<c>%5B</c> is <c>[</c>), so they need nothing extra.
/// </summary>
internal static class QueryArrays
{
    public static IReadOnlyList<string> Values(IQueryCollection query, string name)
    {
        var values = new List<string>();
        foreach (var (key, raw) in query)
        {
            if (!IsSpelling(key, name))
            {
                continue;
            }
            foreach (var value in raw)
            {
                foreach (var part in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    values.Add(part);
                }
            }
        }
        return values;
    }

    private static bool IsSpelling(string key, string name)
    {
        if (!key.StartsWith(name, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = key.AsSpan(name.Length);
        if (rest.IsEmpty)
        {
            return true;
        }
        if (rest.Length < 2 || rest[0] != '[' || rest[^1] != ']')
        {
            return false;
        }
        var index = rest[1..^1];
        foreach (var c in index)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
