using Aerie.Panel.Schedules;

namespace Aerie.Panel.Tests.Schedules;

/// <summary>Spec 07 §10's cron reading: the fields, either day field matching, and the DST rules in a zone.</summary>
public sealed class ScheduleCronTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    private static ScheduleCron Cron(string minute, string hour, string dom, string month, string dow, string? zone = null) =>
        ScheduleCron.TryParse(minute, hour, dom, month, dow, zone) ?? throw new InvalidOperationException("did not parse");

    [Fact]
    public void Fields_NamesStepsAndWeekdaySeven()
    {
        Assert.Equal(Utc(2026, 12, 1, 4, 0), Cron("0", "4", "*", "*", "*").Next(Utc(2026, 12, 1, 3, 59)));
        Assert.Equal(Utc(2026, 12, 1, 3, 15), Cron("*/15", "*", "*", "*", "*").Next(Utc(2026, 12, 1, 3, 0)));
        // 1 December 2026 is a Tuesday: Sunday (0 or 7) is the 6th.
        Assert.Equal(Utc(2026, 12, 6), Cron("0", "0", "*", "*", "7").Next(Utc(2026, 12, 1)));
        Assert.Equal(Utc(2026, 12, 6), Cron("0", "0", "*", "*", "sun").Next(Utc(2026, 12, 1)));
        Assert.Equal(Utc(2027, 1, 1), Cron("0", "0", "1", "jan", "*").Next(Utc(2026, 12, 1)));
        Assert.Equal(Utc(2026, 12, 31), Cron("0", "0", "L", "*", "?").Next(Utc(2026, 12, 1)));
        Assert.Equal(Utc(2026, 12, 11), Cron("0", "0", "?", "*", "fri#2").Next(Utc(2026, 12, 1)));
        Assert.Null(ScheduleCron.TryParse("60", "*", "*", "*", "*"));
        Assert.Null(ScheduleCron.TryParse("*", "*", "*", "*", "8"));
        Assert.Null(ScheduleCron.TryParse("", "*", "*", "*", "*"));
        Assert.Null(ScheduleCron.TryParse("* *", "*", "*", "*", "*"));
        Assert.Null(ScheduleCron.TryParse("*", "*", "*", "*", "*", "Nowhere/Special"));
    }

    [Fact]
    public void BothDayFieldsRestricted_EitherMatches()
    {
        // The 15th, or any Friday: from Tuesday 1 December, Friday the 4th comes first, then the 11th, then the 15th.
        var cron = Cron("0", "0", "15", "*", "5");
        Assert.Equal([Utc(2026, 12, 4), Utc(2026, 12, 11), Utc(2026, 12, 15), Utc(2026, 12, 18)], cron.NextRuns(Utc(2026, 12, 1), 4));
    }

    [Fact]
    public void Zone_SkippedTimeDoesNotRun_RepeatedRunsOnce()
    {
        // Europe/Berlin: 29 March 2026 02:00 → 03:00 (02:30 never happens); 25 October 2026 03:00 → 02:00 (02:30 twice).
        var spring = Cron("30", "2", "*", "*", "*", "Europe/Berlin").NextRuns(Utc(2026, 3, 27, 12), 3);
        Assert.Equal([Utc(2026, 3, 28, 1, 30), Utc(2026, 3, 30, 0, 30), Utc(2026, 3, 31, 0, 30)], spring);
        var autumn = Cron("30", "2", "*", "*", "*", "Europe/Berlin").NextRuns(Utc(2026, 10, 24, 12), 2);
        Assert.Equal([Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 26, 1, 30)], autumn);
        var everyMinute = Cron("*", "*", "*", "*", "*", "Europe/Berlin").NextRuns(Utc(2026, 10, 25, 0, 58), 3);
        // 02:59 CEST (00:59 UTC) is followed by 03:00 CET (02:00 UTC): the repeated 02:00-02:59 CET hour is not run again.
        Assert.Equal([Utc(2026, 10, 25, 0, 59), Utc(2026, 10, 25, 2, 0), Utc(2026, 10, 25, 2, 1)], everyMinute);
    }

    [Fact]
    public void Description_CommonShapes()
    {
        Assert.Equal("Every minute (UTC)", CronDescription.Of("*", "*", "*", "*", "*", null));
        Assert.Equal("Every 15 minutes (UTC)", CronDescription.Of("*/15", "*", "*", "*", "*", null));
        Assert.Equal("At 04:00 on day-of-month 1 in month 1 (Europe/Berlin)", CronDescription.Of("0", "4", "1", "1", "*", "Europe/Berlin"));
    }
}
