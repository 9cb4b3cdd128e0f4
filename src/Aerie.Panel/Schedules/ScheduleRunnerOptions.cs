namespace Aerie.Panel.Schedules;

/// <summary>The schedule runner's knobs; tests replace the registered instance.</summary>
internal sealed record ScheduleRunnerOptions
{
    /// <summary>False: no background loop (tests drive <see cref="ScheduleRunner.PassAsync"/> themselves).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How often a pass looks for due schedules and due tasks; well under a minute so offsets stay punctual.</summary>
    public TimeSpan PassInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the lease holds without renewal; another process takes over once it lapses.</summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The lease row's name; one row per group of processes that share the work (tests use their own).</summary>
    public string LeaseName { get; init; } = Data.RunnerLease.Schedules;

    /// <summary>This process's name in the lease row.</summary>
    public string Holder { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
