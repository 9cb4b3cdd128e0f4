namespace Aerie.Panel.Schedules;

/// <summary>The schedule permissions (Pterodactyl's names) and the activity events of spec 07 §10 plus the runner's outcomes.</summary>
internal static class ScheduleEvents
{
    public const string Read = "schedule.read";
    public const string CreatePermission = "schedule.create";
    public const string UpdatePermission = "schedule.update";
    public const string DeletePermission = "schedule.delete";

    public const string Create = "server:schedule.create";
    public const string Update = "server:schedule.update";
    public const string Delete = "server:schedule.delete";
    public const string Execute = "server:schedule.execute";
    public const string TaskCreate = "server:task.create";
    public const string TaskUpdate = "server:task.update";
    public const string TaskDelete = "server:task.delete";

    /// <summary>A run began (scheduled or manual), ended, or was skipped (offline server under only_when_online).</summary>
    public const string RunStart = "server:schedule.run.start";
    public const string RunEnd = "server:schedule.run.end";
    public const string TaskSucceeded = "server:task.succeeded";
    public const string TaskFailed = "server:task.failed";
}
