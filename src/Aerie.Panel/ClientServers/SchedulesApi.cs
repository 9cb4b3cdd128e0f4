using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Schedules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.ClientServers;

/// <summary>The schedule routes of spec 04 §2.9 (tasks in <see cref="ScheduleTasksApi"/>); the runs are <see cref="ScheduleRunner"/>'s.</summary>
internal static class SchedulesApi
{
    public const string NoTasksText = "Cannot process schedule for task execution: no tasks are registered.";
    public const string RunningText = "This schedule is already running.";

    public static RouteGroupBuilder MapSchedules(this RouteGroupBuilder group)
    {
        group.MapGet("/servers/{server}/schedules", async (string server, HttpContext http, PanelDb db) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, ScheduleEvents.Read);
            var rows = await db.Schedules.AsNoTracking().Include(s => s.Tasks).Where(s => s.ServerId == scope.Server.Id).OrderBy(s => s.Id).ToListAsync(http.RequestAborted);
            return Results.Json(ScheduleTransformer.Instance.List(rows));
        });
        group.MapPost("/servers/{server}/schedules", async (string server, HttpContext http, PanelDb db, TimeProvider time) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, ScheduleEvents.CreatePermission);
            var input = ScheduleInputs.Schedule(await ApiBody.ReadAsync(http.Request, http.RequestAborted));
            var now = time.GetUtcNow();
            var schedule = new Schedule { ServerId = scope.Server.Id, Name = input.Name, CreatedAt = now, UpdatedAt = now };
            Apply(schedule, input, now);
            db.Schedules.Add(schedule);
            await db.SaveChangesAsync(http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, ScheduleEvents.Create, new Dictionary<string, string?> { ["name"] = schedule.Name });
            return Results.Json(ScheduleTransformer.Instance.Item(schedule));
        });
        group.MapPost("/servers/{server}/schedules/preview", async (string server, HttpContext http, PanelDb db, TimeProvider time) =>
        {
            await ClientServerAccess.RequireAsync(http, db, server, ScheduleEvents.Read);
            var input = ScheduleInputs.Schedule(await ApiBody.ReadAsync(http.Request, http.RequestAborted));
            return Results.Json(SchedulePreview.Of(input, time.GetUtcNow()));
        });
        group.MapGet("/servers/{server}/schedules/{schedule}", async (string server, string schedule, HttpContext http, PanelDb db) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, ScheduleEvents.Read);
            return Results.Json(ScheduleTransformer.Instance.Item(await FindAsync(db, scope, schedule, http.RequestAborted)));
        });
        group.MapMethods("/servers/{server}/schedules/{schedule}", ["POST", "PATCH"], async (string server, string schedule, HttpContext http, PanelDb db, TimeProvider time) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, ScheduleEvents.UpdatePermission);
            var row = await FindAsync(db, scope, schedule, http.RequestAborted);
            var input = ScheduleInputs.Schedule(await ApiBody.ReadAsync(http.Request, http.RequestAborted));
            var now = time.GetUtcNow();
            if (input.IsActive is { } active && active != row.IsActive)
            {
                // Pterodactyl's way out of a stuck run: toggling the schedule clears it (and its queued tasks).
                EndRun(row);
            }
            row.Name = input.Name;
            row.UpdatedAt = now;
            Apply(row, input, now);
            await db.SaveChangesAsync(http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, ScheduleEvents.Update, new Dictionary<string, string?> { ["name"] = row.Name });
            return Results.Json(ScheduleTransformer.Instance.Item(row));
        });
        group.MapPost("/servers/{server}/schedules/{schedule}/execute", async (string server, string schedule, HttpContext http, PanelDb db, TimeProvider time, ScheduleSignal signal) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, ScheduleEvents.UpdatePermission);
            var row = await FindAsync(db, scope, schedule, http.RequestAborted);
            if (row.Tasks.Count == 0)
            {
                throw PanelProblem.Display(NoTasksText);
            }
            if (!await ScheduleRuns.TryStartAsync(db, row.Id, manual: true, time.GetUtcNow(), http.RequestAborted))
            {
                throw PanelProblem.Conflict(RunningText);
            }
            await ServerActivity.RecordAsync(http, scope, ScheduleEvents.Execute, new Dictionary<string, string?> { ["name"] = row.Name });
            signal.Wake();
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        group.MapDelete("/servers/{server}/schedules/{schedule}", async (string server, string schedule, HttpContext http, PanelDb db) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, ScheduleEvents.DeletePermission);
            var row = await FindAsync(db, scope, schedule, http.RequestAborted);
            db.Schedules.Remove(row);
            await db.SaveChangesAsync(http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, ScheduleEvents.Delete, new Dictionary<string, string?> { ["name"] = row.Name });
            return Results.NoContent();
        });
        return group.MapScheduleTasks();
    }

    /// <summary>The schedule with its tasks, tracked; 404 unless it is one of the scope's server.</summary>
    /// <exception cref="PanelProblem">404</exception>
    public static async Task<Schedule> FindAsync(PanelDb db, ServerScope scope, string key, CancellationToken ct)
    {
        var id = int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        return await db.Schedules.Include(s => s.Tasks).FirstOrDefaultAsync(s => s.Id == id && s.ServerId == scope.Server.Id, ct)
            ?? throw new PanelProblem(404, ClientServerAccess.NotForThisServerText);
    }

    private static void Apply(Schedule s, ScheduleInput input, DateTimeOffset now)
    {
        (s.CronMinute, s.CronHour, s.CronDayOfMonth, s.CronMonth, s.CronDayOfWeek, s.TimeZone) =
            (input.Minute, input.Hour, input.DayOfMonth, input.Month, input.DayOfWeek, input.TimeZone);
        s.IsActive = input.IsActive ?? s.IsActive;
        s.OnlyWhenOnline = input.OnlyWhenOnline ?? s.OnlyWhenOnline;
        s.NextRunUnixMs = input.Cron.Next(now)?.ToUnixTimeMilliseconds();
    }

    private static void EndRun(Schedule s)
    {
        s.IsProcessing = false;
        s.IsManualRun = false;
        s.RunStartedUnixMs = null;
        foreach (var task in s.Tasks)
        {
            (task.IsQueued, task.DueUnixMs) = (false, null);
        }
    }
}
