namespace Aerie.Panel.Schedules;

/// <summary>
/// A schedule's optional <c>timezone</c> (spec 07 §10): an IANA id the machine's time-zone data knows. A Windows id
/// (which .NET on Linux would translate) is refused, so what a client stores is what every panel replica reads.
/// </summary>
internal static class ScheduleZones
{
    public const string Field = "timezone";
    public const string Rule = "timezone";
    public const string InvalidText = "The timezone field must be a valid timezone.";

    public static bool IsKnown(string id) =>
        id.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
}
