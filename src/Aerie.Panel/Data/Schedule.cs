namespace Aerie.Panel.Data;

/// <summary>
/// A server's schedule (spec 07 §10). Times the runner compares are kept as Unix milliseconds: SQLite cannot
/// compare a DateTimeOffset in SQL, and the runner's "due" query must run in the database on both providers.
/// </summary>
internal sealed class Schedule
{
    public int Id { get; set; }
    public int ServerId { get; set; }
    public GameServer? Server { get; set; }
    public required string Name { get; set; }
    public string CronMinute { get; set; } = "*";
    public string CronHour { get; set; } = "*";
    public string CronDayOfMonth { get; set; } = "*";
    public string CronMonth { get; set; } = "*";
    public string CronDayOfWeek { get; set; } = "*";

    /// <summary>An IANA zone the cron fields are read in (beyond Pterodactyl); null = UTC.</summary>
    public string? TimeZone { get; set; }
    public bool IsActive { get; set; } = true;
    public bool OnlyWhenOnline { get; set; }
    public bool IsProcessing { get; set; }

    /// <summary>The current run was started by "run now": it goes on even when the schedule is inactive.</summary>
    public bool IsManualRun { get; set; }

    /// <summary>When the current run started; the bound for clearing a stuck run counts from it.</summary>
    public long? RunStartedUnixMs { get; set; }
    public long? LastRunUnixMs { get; set; }
    public long? NextRunUnixMs { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<ScheduleTask> Tasks { get; set; } = [];
}
