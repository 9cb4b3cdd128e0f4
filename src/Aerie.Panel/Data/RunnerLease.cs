namespace Aerie.Panel.Data;

/// <summary>
/// A named lease in the database: the one panel process whose <see cref="Holder"/> is set and unexpired does
/// the work it names (the schedule runner). Taken and renewed with a conditional UPDATE, so two processes on
/// one PostgreSQL never both hold it.
/// </summary>
internal sealed class RunnerLease
{
    public const string Schedules = "schedules";

    public required string Name { get; set; }
    public string? Holder { get; set; }
    public long ExpiresUnixMs { get; set; }
}
