using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Schedules;

/// <summary>Starting and ending a run (spec 07 §10 steps 2 and 7), each one conditional UPDATE so two starters never both win.</summary>
internal static class ScheduleRuns
{
    /// <summary>
    /// Marks the schedule processing (only if it is not), advances <c>next_run_at</c> and queues its first task:
    /// due after its offset, or at once for a manual run. False when it was already processing or has no task.
    /// </summary>
    public static async Task<bool> TryStartAsync(PanelDb db, int scheduleId, bool manual, DateTimeOffset now, CancellationToken ct)
    {
        var schedule = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Id == scheduleId, ct);
        var first = await db.ScheduleTasks.AsNoTracking().Where(t => t.ScheduleId == scheduleId).OrderBy(t => t.SequenceId).FirstOrDefaultAsync(ct);
        if (schedule is null || first is null)
        {
            return false;
        }
        var nowMs = now.ToUnixTimeMilliseconds();
        var next = ScheduleCron.TryParse(schedule.CronMinute, schedule.CronHour, schedule.CronDayOfMonth, schedule.CronMonth, schedule.CronDayOfWeek, schedule.TimeZone)?.Next(now)?.ToUnixTimeMilliseconds();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var started = await db.Schedules.Where(s => s.Id == scheduleId && !s.IsProcessing).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.IsProcessing, true)
            .SetProperty(s => s.IsManualRun, manual)
            .SetProperty(s => s.RunStartedUnixMs, nowMs)
            .SetProperty(s => s.NextRunUnixMs, next), ct);
        if (started == 0)
        {
            return false;
        }
        var due = manual ? nowMs : nowMs + (first.TimeOffset * 1000L);
        await db.ScheduleTasks.Where(t => t.Id == first.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.IsQueued, true).SetProperty(t => t.DueUnixMs, due), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Step 7: not processing, last run now, no task queued.</summary>
    public static async Task EndAsync(PanelDb db, int scheduleId, DateTimeOffset now, CancellationToken ct)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ScheduleTasks.Where(t => t.ScheduleId == scheduleId).ExecuteUpdateAsync(u => u.SetProperty(t => t.IsQueued, false).SetProperty(t => t.DueUnixMs, (long?)null), ct);
        await db.Schedules.Where(s => s.Id == scheduleId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.IsProcessing, false)
            .SetProperty(s => s.IsManualRun, false)
            .SetProperty(s => s.RunStartedUnixMs, (long?)null)
            .SetProperty(s => s.LastRunUnixMs, nowMs), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The spec's bound for a stuck run: the sum of offsets + 5 minutes per task + 10 minutes.</summary>
    public static TimeSpan StuckAfter(IReadOnlyCollection<ScheduleTask> tasks) =>
        TimeSpan.FromSeconds(tasks.Sum(t => t.TimeOffset)) + (TimeSpan.FromMinutes(5) * tasks.Count) + TimeSpan.FromMinutes(10);
}
