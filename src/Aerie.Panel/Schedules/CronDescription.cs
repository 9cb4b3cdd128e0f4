using System.Globalization;

namespace Aerie.Panel.Schedules;

/// <summary>A short English reading of five cron fields for the schedule editor (the common shapes; anything else field by field).</summary>
internal static class CronDescription
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public static string Of(string minute, string hour, string dayOfMonth, string month, string dayOfWeek, string? timeZone)
    {
        var time = (minute, hour) switch
        {
            ("*", "*") => "Every minute",
            _ when Number(minute) is { } m && Number(hour) is { } h => $"At {h:00}:{m:00}",
            _ when Step(minute) is { } m && hour == "*" => $"Every {m} minutes",
            _ when Number(minute) is { } m && hour == "*" => $"At minute {m} of every hour",
            _ when Number(minute) is { } m && Step(hour) is { } h => $"At minute {m}, every {h} hours",
            _ => $"At minute {minute}, hour {hour}",
        };
        var parts = new List<string> { time };
        if (dayOfMonth is not ("*" or "?"))
        {
            parts.Add($"on day-of-month {dayOfMonth}");
        }
        if (dayOfWeek is not ("*" or "?"))
        {
            var day = Number(dayOfWeek) is { } d && d < Days.Length ? Days[d] : dayOfWeek;
            parts.Add(dayOfMonth is "*" or "?" ? $"on {day}" : $"or on {day}");
        }
        if (month != "*")
        {
            parts.Add($"in month {month}");
        }
        parts.Add(timeZone is null ? "(UTC)" : $"({timeZone})");
        return string.Join(' ', parts);
    }

    private static int? Number(string field) => int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static int? Step(string field) => field.StartsWith("*/", StringComparison.Ordinal) ? Number(field[2..]) : null;
}
