using Aerie.Panel.Data;

namespace Aerie.Panel.Schedules;

/// <summary>
/// The seam a schedule's <c>backup</c> task calls: create a backup of the server with rotation (spec 07 §8/§9).
/// The backups feature implements it (<c>Backups/ScheduledBackups.cs</c>).
/// </summary>
internal interface IScheduledBackups
{
    /// <summary>Null when the backup was started, otherwise why not (the task's failure).</summary>
    Task<string?> CreateAsync(GameServer server, string ignoredPatterns, CancellationToken ct);
}
