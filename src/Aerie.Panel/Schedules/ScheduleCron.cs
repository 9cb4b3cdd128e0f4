using Cronos;

namespace Aerie.Panel.Schedules;

/// <summary>
/// A schedule's five cron fields read with Cronos (spec 07 §10), in UTC or an IANA zone. When both day fields are
/// restricted either may match (each is evaluated with the other as <c>*</c>, whatever the library's own rule).
/// In a zone, a wall time the clock skips does not run that day, and a repeated one runs once.
/// </summary>
internal sealed class ScheduleCron
{
    public const string InvalidText = "The cron data provided does not evaluate to a valid expression.";

    private readonly CronExpression[] expressions;
    private readonly TimeZoneInfo zone;

    private ScheduleCron(CronExpression[] expressions, TimeZoneInfo zone)
    {
        this.expressions = expressions;
        this.zone = zone;
    }

    /// <summary>Null when a field, or the zone, does not parse.</summary>
    public static ScheduleCron? TryParse(string minute, string hour, string dayOfMonth, string month, string dayOfWeek, string? timeZone = null)
    {
        string[] fields = [minute, hour, dayOfMonth, month, dayOfWeek];
        if (fields.Any(f => f.Length == 0 || f.Length > 191 || f.Any(char.IsWhiteSpace)))
        {
            return null;
        }
        TimeZoneInfo tz;
        try
        {
            tz = timeZone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
        try
        {
            var both = !IsAny(dayOfMonth) && !IsAny(dayOfWeek);
            CronExpression[] parsed = both
                ? [Parse(minute, hour, dayOfMonth, month, "*"), Parse(minute, hour, "*", month, dayOfWeek)]
                : [Parse(minute, hour, dayOfMonth, month, dayOfWeek)];
            return new ScheduleCron(parsed, tz);
        }
        catch (CronFormatException)
        {
            return null;
        }
    }

    /// <summary>The first run strictly after <paramref name="after"/>, or null when there is none (e.g. 30 February).</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var from = after;
        // A shifted (skipped-hour) or repeated occurrence is passed over; a handful of passes always suffices.
        for (var guard = 0; guard < 1000; guard++)
        {
            DateTimeOffset? best = null;
            foreach (var e in expressions)
            {
                var n = e.GetNextOccurrence(from, zone, inclusive: false);
                if (n is { } v && (best is null || v < best))
                {
                    best = v;
                }
            }
            if (best is not { } next)
            {
                return null;
            }
            if (Accept(next))
            {
                return next.ToUniversalTime();
            }
            from = next;
        }
        return null;
    }

    /// <summary>The next <paramref name="count"/> runs after <paramref name="after"/>.</summary>
    public IReadOnlyList<DateTimeOffset> NextRuns(DateTimeOffset after, int count)
    {
        var runs = new List<DateTimeOffset>(count);
        var from = after;
        while (runs.Count < count && Next(from) is { } n)
        {
            runs.Add(n);
            from = n;
        }
        return runs;
    }

    private bool Accept(DateTimeOffset occurrence)
    {
        if (zone == TimeZoneInfo.Utc)
        {
            return true;
        }
        var local = TimeZoneInfo.ConvertTime(occurrence, zone);
        var wall = DateTime.SpecifyKind(local.DateTime, DateTimeKind.Utc);
        // Cronos moves a skipped wall time to the transition: such an occurrence no longer matches the fields.
        if (!expressions.Any(e => e.GetNextOccurrence(wall, inclusive: true) == wall))
        {
            return false;
        }
        // A repeated wall time runs at its first (daylight) instance only.
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return local.Offset == offsets.Max();
        }
        return true;
    }

    private static bool IsAny(string field) => field is "*" or "?";

    private static CronExpression Parse(string minute, string hour, string dayOfMonth, string month, string dayOfWeek) =>
        CronExpression.Parse($"{minute} {hour} {dayOfMonth} {month} {dayOfWeek}", CronFormat.Standard);
}
