using System.Globalization;

namespace Aerie.Panel.Api;

/// <summary>Spec 04's timestamps: ISO-8601 in UTC with an explicit offset, <c>2024-05-01T12:00:00+00:00</c>.</summary>
internal static class ApiTime
{
    public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : null;
}
