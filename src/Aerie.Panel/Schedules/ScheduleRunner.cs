using System.Text.Json.Nodes;
using Aerie.Panel.Activity;
using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.Schedules;

/// <summary>
/// One pass of spec 07 §10's run: only the lease holder works; it clears runs stuck past the bound, starts the
/// due schedules, then runs every queued task whose stored due time has come, chaining the next one's due time
/// after this one finished. Every state change is in the database, so any process resumes where another stopped.
/// </summary>
internal sealed partial class ScheduleRunner(IServiceScopeFactory scopes, ScheduleRunnerOptions options, TimeProvider time, ActivityWriter activity, ILogger<ScheduleRunner> logger)
{
    /// <summary>How long a claimed task is kept from other processes; a process that died mid-task is retried after it.</summary>
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(10);

    /// <summary>One pass; false when another process holds the lease.</summary>
    public async Task<bool> PassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        if (!await ScheduleLease.HoldAsync(db, options, time.GetUtcNow(), ct))
        {
            return false;
        }
        await ClearStuckAsync(db, ct);
        await StartDueAsync(db, ct);
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var chains = await db.ScheduleTasks.AsNoTracking().Where(t => t.IsQueued && t.DueUnixMs <= nowMs).Select(t => t.ScheduleId).Distinct().ToListAsync(ct);
        await Task.WhenAll(chains.Select(id => RunChainAsync(id, ct)));
        return true;
    }

    /// <summary>Gives the lease up (shutdown).</summary>
    public async Task ReleaseAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await ScheduleLease.ReleaseAsync(scope.ServiceProvider.GetRequiredService<PanelDb>(), options, ct);
    }

    private async Task ClearStuckAsync(PanelDb db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var s in await db.Schedules.AsNoTracking().Include(s => s.Tasks).Include(s => s.Server).Where(s => s.IsProcessing).ToListAsync(ct))
        {
            if (s.RunStartedUnixMs is { } started && now - DateTimeOffset.FromUnixTimeMilliseconds(started) > ScheduleRuns.StuckAfter(s.Tasks))
            {
                await ScheduleRuns.EndAsync(db, s.Id, now, ct);
                await RecordAsync(db, s, ScheduleEvents.RunEnd, new() { ["reason"] = "stuck run cleared" }, ct);
            }
        }
    }

    private async Task StartDueAsync(PanelDb db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var due = await db.Schedules.AsNoTracking().Include(s => s.Server)
            .Where(s => s.IsActive && !s.IsProcessing && s.NextRunUnixMs <= nowMs && s.Server!.Status == null && !s.Server.Suspended && s.Tasks.Any())
            .ToListAsync(ct);
        foreach (var s in due)
        {
            if (await ScheduleRuns.TryStartAsync(db, s.Id, manual: false, now, ct))
            {
                await RecordAsync(db, s, ScheduleEvents.RunStart, new() { ["manual"] = "false" }, ct);
            }
        }
    }

    /// <summary>Runs the schedule's queued task while it is due, then each next one whose offset has already passed.</summary>
    private async Task RunChainAsync(int scheduleId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
            var actions = scope.ServiceProvider.GetRequiredService<ScheduleActions>();
            while (await StepAsync(db, actions, scheduleId, ct))
            {
                db.ChangeTracker.Clear();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A broken chain must not stop the others; its task stays queued and is retried after the claim lapses.
            LogChainFailed(logger, scheduleId, ex);
        }
    }

    /// <summary>One task of the chain; true when the next one is already due.</summary>
    private async Task<bool> StepAsync(PanelDb db, ScheduleActions actions, int scheduleId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var schedule = await db.Schedules.AsNoTracking().Include(s => s.Tasks).Include(s => s.Server).ThenInclude(s => s!.Node).FirstOrDefaultAsync(s => s.Id == scheduleId, ct);
        var task = schedule?.Tasks.Where(t => t.IsQueued && t.DueUnixMs <= nowMs).OrderBy(t => t.SequenceId).FirstOrDefault();
        if (schedule is null || task is null)
        {
            return false;
        }
        // The claim: only the process that moves the due time forward runs the task.
        var claimed = await db.ScheduleTasks.Where(t => t.Id == task.Id && t.IsQueued && t.DueUnixMs == task.DueUnixMs)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.DueUnixMs, nowMs + (long)ClaimFor.TotalMilliseconds), ct);
        if (claimed == 0)
        {
            return false;
        }
        var server = schedule.Server!;
        // Step 5: a deactivated schedule (unless run by hand) or a server in a state ends the run.
        if (!schedule.IsActive && !schedule.IsManualRun)
        {
            return await EndAsync(db, schedule, "schedule deactivated", ct);
        }
        if (server.Status is not null || server.Suspended)
        {
            return await EndAsync(db, schedule, $"server {(server.Suspended ? "suspended" : server.Status)}", ct);
        }
        // Step 3, once per run: before its first task.
        if (schedule.OnlyWhenOnline && task.SequenceId == schedule.Tasks.Min(t => t.SequenceId)
            && !ScheduleActions.IsOnline(await actions.StateAsync(server, ct)))
        {
            return await EndAsync(db, schedule, "server not online", ct);
        }
        var failure = await actions.RunAsync(server, task, ct);
        var finished = time.GetUtcNow();
        var outcome = new Dictionary<string, string?>
        {
            ["task_id"] = task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sequence_id"] = task.SequenceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["action"] = task.Action,
            ["payload"] = task.Payload,
        };
        if (failure is not null)
        {
            outcome["error"] = failure;
        }
        await RecordAsync(db, schedule, failure is null ? ScheduleEvents.TaskSucceeded : ScheduleEvents.TaskFailed, outcome, ct);
        await db.ScheduleTasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.IsQueued, false).SetProperty(t => t.DueUnixMs, (long?)null), ct);
        // Step 6 (beyond Pterodactyl): continue_on_failure covers every failure of the task.
        if (failure is not null && !task.ContinueOnFailure)
        {
            return await EndAsync(db, schedule, "task failed", ct);
        }
        var next = schedule.Tasks.Where(t => t.SequenceId > task.SequenceId).OrderBy(t => t.SequenceId).FirstOrDefault();
        if (next is null)
        {
            return await EndAsync(db, schedule, "completed", ct);
        }
        // Step 4: the next offset counts from when this task finished.
        var due = finished.ToUnixTimeMilliseconds() + (next.TimeOffset * 1000L);
        await db.ScheduleTasks.Where(t => t.Id == next.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.IsQueued, true).SetProperty(t => t.DueUnixMs, due), ct);
        return due <= time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    private async Task<bool> EndAsync(PanelDb db, Schedule schedule, string reason, CancellationToken ct)
    {
        await ScheduleRuns.EndAsync(db, schedule.Id, time.GetUtcNow(), ct);
        await RecordAsync(db, schedule, ScheduleEvents.RunEnd, new() { ["reason"] = reason }, ct);
        return false;
    }

    private async Task RecordAsync(PanelDb db, Schedule schedule, string name, Dictionary<string, string?> properties, CancellationToken ct)
    {
        var metadata = new JsonObject { ["schedule_id"] = schedule.Id, ["name"] = schedule.Name };
        foreach (var (key, value) in properties)
        {
            metadata[key] = value;
        }
        var record = new ActivityRecord
        {
            ServerUuid = schedule.Server?.Uuid,
            Event = name,
            MetadataJson = metadata.ToJsonString(),
            Timestamp = time.GetUtcNow(),
        };
        await activity.RecordAsync(record, db, ct);
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "Schedule {ScheduleId}: its run could not go on; retried later")]
    private static partial void LogChainFailed(ILogger logger, int scheduleId, Exception exception);
}
