using System.Globalization;
using System.Text;

namespace Aerie.Node.Environments.Docker;

/// <summary>Parses the RFC 3339 stamps the engine puts before each log entry and in <c>State.StartedAt</c>:
/// Docker writes nanoseconds (kept to 100 ns ticks here), Podman's log stamps are whole seconds.</summary>
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
        return TryParse(chars[..Encoding.ASCII.GetChars(utf8, chars)], out value);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
