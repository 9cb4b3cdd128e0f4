using Aerie.Contracts.Socket;
using Aerie.Panel.Api;
using Aerie.Panel.Http;

namespace Aerie.Panel.Schedules;

/// <summary>A schedule's body as the client routes read it (spec 04 §2.9).</summary>
internal sealed record ScheduleInput(string Name, string Minute, string Hour, string DayOfMonth, string Month, string DayOfWeek, string? TimeZone, bool? IsActive, bool? OnlyWhenOnline, ScheduleCron Cron);

/// <summary>A task's body (spec 04 §2.9).</summary>
internal sealed record TaskInput(string Action, string Payload, int TimeOffset, int? SequenceId, bool? ContinueOnFailure);

internal static class ScheduleInputs
{
    public const string Command = "command";
    public const string Power = "power";
    public const string Backup = "backup";
    public const string DeleteFiles = "delete_files";

    private static readonly string[] Actions = [Command, Power, Backup, DeleteFiles];
    private static readonly string[] Signals = [PowerActions.Start, PowerActions.Stop, PowerActions.Restart, PowerActions.Kill];

    /// <exception cref="PanelProblem">422 for a failed rule (an unknown time zone included), 400 for cron fields that do not evaluate</exception>
    public static ScheduleInput Schedule(ApiInput input)
    {
        var name = input.String("name", required: true, max: 191);
        var minute = input.String("minute", required: true, max: 191);
        var hour = input.String("hour", required: true, max: 191);
        var dayOfMonth = input.String("day_of_month", required: true, max: 191);
        // Beyond Pterodactyl: pterojs never sends month, so a missing one is every month.
        var month = input.String("month", max: 191) ?? "*";
        var dayOfWeek = input.String("day_of_week", required: true, max: 191);
        var timeZone = input.String(ScheduleZones.Field, max: 64);
        // Beyond Pterodactyl (it has no per-schedule zone): an unknown zone is the field's validation failure (422),
        // not the cron's 400, so a form can point at the field.
        if (timeZone is { Length: <= 64 } && !ScheduleZones.IsKnown(timeZone))
        {
            input.Fail(ScheduleZones.Field, ScheduleZones.Rule, ScheduleZones.InvalidText);
        }
        var isActive = input.Boolean("is_active");
        var onlyWhenOnline = input.Boolean("only_when_online");
        input.ThrowIfInvalid();
        var cron = ScheduleCron.TryParse(minute!, hour!, dayOfMonth!, month, dayOfWeek!, timeZone)
            ?? throw PanelProblem.Display(ScheduleCron.InvalidText);
        return new ScheduleInput(name!, minute!, hour!, dayOfMonth!, month, dayOfWeek!, timeZone, isActive, onlyWhenOnline, cron);
    }

    /// <exception cref="PanelProblem">422 for a failed rule</exception>
    public static TaskInput Task(ApiInput input)
    {
        var action = input.OneOf("action", Actions, required: true);
        var raw = input.Raw["payload"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        // Read untrimmed: a newline-separated list keeps its lines; presence is judged on the trimmed text.
        var payload = input.String("payload", required: action is not Backup and not null) is null ? "" : raw!.Trim();
        var offset = input.Integer("time_offset", required: true, min: 0, max: 900);
        var sequence = input.Integer("sequence_id", min: 1, max: 1000);
        var continueOnFailure = input.Boolean("continue_on_failure");
        if (action == Power && payload.Length > 0 && !Signals.Contains(payload, StringComparer.Ordinal))
        {
            input.Fail("payload", "in", "The selected payload is invalid.");
        }
        if (action == Command && payload.Any(c => char.IsControl(c) && c != '\t'))
        {
            input.Fail("payload", "regex", "The payload field must be a single line without control characters.");
        }
        input.ThrowIfInvalid();
        return new TaskInput(action!, payload, (int)offset!.Value, sequence is { } s ? (int)s : null, continueOnFailure);
    }
}
