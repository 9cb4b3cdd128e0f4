namespace Aerie.Node.Configuration;

/// <summary>Time zone names as games see them in <c>TZ</c>: IANA names only (<c>Europe/Berlin</c>, <c>UTC</c>), which
/// glibc and musl read from the zoneinfo files; a Windows name the runtime would also accept means nothing to a game.</summary>
internal static class TimeZones
{
    public static bool IsIana(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains("..", StringComparison.Ordinal) || name.StartsWith('/') || name.Any(char.IsWhiteSpace))
        {
            return false;
        }
        if (name is "UTC" or "Etc/UTC")
        {
            return true;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) && zone.HasIanaId;
    }
}
