using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;

namespace Aerie.Panel.Schedules;

/// <summary>Spec 04 §2.1's <c>server_schedule</c>, its tasks always included; <c>timezone</c> (beyond Pterodactyl) only when one is set.</summary>
internal sealed class ScheduleTransformer : Transformer<Schedule>
{
    public static readonly ScheduleTransformer Instance = new();

    public override string ObjectName => "server_schedule";

    protected override IReadOnlyList<Relation<Schedule>> Relations { get; } =
        [new("tasks", (s, _) => TaskTransformer.Instance.List(s.Tasks.OrderBy(t => t.SequenceId)), Default: true)];

    protected override JsonObject Attributes(Schedule s)
    {
        var attributes = new JsonObject
        {
            ["id"] = s.Id,
            ["name"] = s.Name,
            ["cron"] = new JsonObject
            {
                ["day_of_week"] = s.CronDayOfWeek,
                ["day_of_month"] = s.CronDayOfMonth,
                ["month"] = s.CronMonth,
                ["hour"] = s.CronHour,
                ["minute"] = s.CronMinute,
            },
            ["is_active"] = s.IsActive,
            ["is_processing"] = s.IsProcessing,
            ["only_when_online"] = s.OnlyWhenOnline,
            ["last_run_at"] = ApiTime.Format(FromUnixMs(s.LastRunUnixMs)),
            ["next_run_at"] = ApiTime.Format(FromUnixMs(s.NextRunUnixMs)),
            ["created_at"] = ApiTime.Format(s.CreatedAt),
            ["updated_at"] = ApiTime.Format(s.UpdatedAt),
        };
        if (s.TimeZone is not null)
        {
            attributes["timezone"] = s.TimeZone;
        }
        return attributes;
    }

    private static DateTimeOffset? FromUnixMs(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}

/// <summary>Spec 04 §2.1's <c>schedule_task</c>.</summary>
internal sealed class TaskTransformer : Transformer<ScheduleTask>
{
    public static readonly TaskTransformer Instance = new();

    public override string ObjectName => "schedule_task";

    protected override JsonObject Attributes(ScheduleTask t) => new()
    {
        ["id"] = t.Id,
        ["sequence_id"] = t.SequenceId,
        ["action"] = t.Action,
        ["payload"] = t.Payload,
        ["time_offset"] = t.TimeOffset,
        ["is_queued"] = t.IsQueued,
        ["continue_on_failure"] = t.ContinueOnFailure,
        ["created_at"] = ApiTime.Format(t.CreatedAt),
        ["updated_at"] = ApiTime.Format(t.UpdatedAt),
    };
}
