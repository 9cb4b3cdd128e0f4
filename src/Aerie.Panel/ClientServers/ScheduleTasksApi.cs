using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Schedules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.ClientServers;

/// <summary>A schedule's task routes (spec 04 §2.9): sequence ids stay 1..n, an insert or move shifts the others, a delete closes the gap.</summary>
internal static class ScheduleTasksApi
{
    public const int MaxTasks = 10;
    public const string TooManyText = "Schedules may not have more than 10 tasks associated with them. Creating this task would put this schedule over the limit.";
    public const string NoBackupsText = "A backup task cannot be created when the server's backup limit is set to 0.";
    public const string TooManyCode = "ServiceLimitExceededException";

    public static RouteGroupBuilder MapScheduleTasks(this RouteGroupBuilder group)
    {
        group.MapPost("/servers/{server}/schedules/{schedule}/tasks", async (string server, string schedule, HttpContext http, PanelDb db, TimeProvider time) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, ScheduleEvents.UpdatePermission);
            var row = await SchedulesApi.FindAsync(db, scope, schedule, http.RequestAborted);
            var input = ScheduleInputs.Task(await ApiBody.ReadAsync(http.Request, http.RequestAborted));
            if (row.Tasks.Count >= MaxTasks)
            {
                throw PanelProblem.Display(TooManyText, TooManyCode);
            }
            RefuseBackupWithoutLimit(scope, input);
            var last = row.Tasks.Count == 0 ? 0 : row.Tasks.Max(t => t.SequenceId);
            var sequence = Math.Min(input.SequenceId ?? last + 1, last + 1);
            foreach (var other in row.Tasks.Where(t => t.SequenceId >= sequence))
            {
                other.SequenceId++;
            }
            var now = time.GetUtcNow();
            var task = new ScheduleTask { ScheduleId = row.Id, Action = input.Action, SequenceId = sequence, CreatedAt = now, UpdatedAt = now };
            Apply(task, input);
            row.Tasks.Add(task);
            await db.SaveChangesAsync(http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, ScheduleEvents.TaskCreate, Properties(row, task));
            return Results.Json(TaskTransformer.Instance.Item(task));
        });
        group.MapPost("/servers/{server}/schedules/{schedule}/tasks/{task}", async (string server, string schedule, string task, HttpContext http, PanelDb db, TimeProvider time) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, ScheduleEvents.UpdatePermission);
            var row = await SchedulesApi.FindAsync(db, scope, schedule, http.RequestAborted);
            var item = Find(row, task);
            var input = ScheduleInputs.Task(await ApiBody.ReadAsync(http.Request, http.RequestAborted));
            RefuseBackupWithoutLimit(scope, input);
            var last = row.Tasks.Max(t => t.SequenceId);
            var target = Math.Min(input.SequenceId ?? item.SequenceId, last);
            foreach (var other in row.Tasks.Where(t => t != item))
            {
                if (target < item.SequenceId && other.SequenceId >= target && other.SequenceId < item.SequenceId)
                {
                    other.SequenceId++;
                }
                else if (target > item.SequenceId && other.SequenceId > item.SequenceId && other.SequenceId <= target)
                {
                    other.SequenceId--;
                }
            }
            item.SequenceId = target;
            item.Action = input.Action;
            item.UpdatedAt = time.GetUtcNow();
            Apply(item, input);
            await db.SaveChangesAsync(http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, ScheduleEvents.TaskUpdate, Properties(row, item));
            return Results.Json(TaskTransformer.Instance.Item(item));
        });
        group.MapDelete("/servers/{server}/schedules/{schedule}/tasks/{task}", async (string server, string schedule, string task, HttpContext http, PanelDb db) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, ScheduleEvents.UpdatePermission);
            var row = await SchedulesApi.FindAsync(db, scope, schedule, http.RequestAborted);
            var item = Find(row, task);
            foreach (var other in row.Tasks.Where(t => t.SequenceId > item.SequenceId))
            {
                other.SequenceId--;
            }
            db.ScheduleTasks.Remove(item);
            await db.SaveChangesAsync(http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, ScheduleEvents.TaskDelete, Properties(row, item));
            return Results.NoContent();
        });
        return group;
    }

    private static ScheduleTask Find(Schedule schedule, string key) =>
        schedule.Tasks.FirstOrDefault(t => int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && t.Id == id)
            ?? throw new PanelProblem(404, ClientServerAccess.NotForThisServerText);

    private static void RefuseBackupWithoutLimit(ServerScope scope, TaskInput input)
    {
        if (input.Action == ScheduleInputs.Backup && scope.Server.BackupLimit is 0)
        {
            throw new PanelProblem(403, NoBackupsText, ApiErrorCodes.Forbidden);
        }
    }

    private static void Apply(ScheduleTask task, TaskInput input)
    {
        task.Payload = input.Payload;
        task.TimeOffset = input.TimeOffset;
        task.ContinueOnFailure = input.ContinueOnFailure ?? task.ContinueOnFailure;
    }

    private static Dictionary<string, string?> Properties(Schedule schedule, ScheduleTask task) => new()
    {
        ["name"] = schedule.Name,
        ["action"] = task.Action,
        ["payload"] = task.Payload,
    };
}
