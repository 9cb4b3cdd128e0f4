using System.Text.Json.Nodes;
using Aerie.Panel.Api;

namespace Aerie.Panel.Schedules;

/// <summary>
/// <c>POST …/schedules/preview</c> (beyond Pterodactyl): the editor's description and next five runs, computed by
/// the same cron reader the runner uses, so the page needs no cron implementation of its own.
/// </summary>
internal static class SchedulePreview
{
    public const int Runs = 5;

    public static JsonObject Of(ScheduleInput input, DateTimeOffset now) => new()
    {
        ["object"] = "schedule_preview",
        ["attributes"] = new JsonObject
        {
            ["description"] = CronDescription.Of(input.Minute, input.Hour, input.DayOfMonth, input.Month, input.DayOfWeek, input.TimeZone),
            ["next_runs"] = new JsonArray([.. input.Cron.NextRuns(now, Runs).Select(r => JsonValue.Create(ApiTime.Format(r)))]),
        },
    };
}
