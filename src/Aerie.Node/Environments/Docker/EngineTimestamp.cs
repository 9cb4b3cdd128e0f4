using System.Globalization;
using System.Text;

namespace Aerie.Node.Environments.Docker;

/// <summary>Parses the RFC 3339 stamps the engine puts before each log entry: Docker writes
/// nanoseconds (9 digits, more than .NET parses), Podman whole seconds.</summary>
internal static class EngineTimestamp
{
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset value)
    {
        value = default;
        if (utf8.Length is < 20 or > 40)
        {
            return false;
        }
        Span<char> chars = stackalloc char[utf8.Length];
        var text = chars[..Encoding.ASCII.GetChars(utf8, chars)];
        var dot = text.IndexOf('.');
        if (dot >= 0)
        {
            // Keep at most 7 fraction digits (100 ns ticks); the zone suffix follows the digits.
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
            if (end - dot - 1 > 7)
            {
                var trimmed = string.Concat(text[..(dot + 8)], text[end..]);
                return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
            }
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
