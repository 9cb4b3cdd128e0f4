using System.Globalization;

namespace Aerie.Panel.Application;

/// <summary>Spec 04 §1.1's timestamp form, <c>2024-05-01T12:00:00+00:00</c>, everywhere in the Application API.</summary>
internal static class WireTime
{
    public static string Of(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
