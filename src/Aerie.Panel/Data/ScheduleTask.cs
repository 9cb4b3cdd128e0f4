namespace Aerie.Panel.Data;

/// <summary>One step of a <see cref="Schedule"/>; a queued task's due time is stored so a restarted panel resumes the chain.</summary>
internal sealed class ScheduleTask
{
    public int Id { get; set; }
    public int ScheduleId { get; set; }
    public Schedule? Schedule { get; set; }
    public int SequenceId { get; set; }
    public required string Action { get; set; }
    public string Payload { get; set; } = "";
    public int TimeOffset { get; set; }
    public bool ContinueOnFailure { get; set; }
    public bool IsQueued { get; set; }

    /// <summary>When the queued task is to run (Unix ms); null when it is not queued.</summary>
    public long? DueUnixMs { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
