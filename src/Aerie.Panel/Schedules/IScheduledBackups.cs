using Aerie.Panel.Data;

namespace Aerie.Panel.Schedules;

/// <summary>
/// The seam a schedule's <c>backup</c> task calls: create a backup of the server with rotation (spec 07 §8/§9).
/// The backups feature registers its implementation; until then <see cref="UnavailableScheduledBackups"/> answers.
/// </summary>
internal interface IScheduledBackups
{
    /// <summary>Null when the backup was started, otherwise why not (the task's failure).</summary>
    Task<string?> CreateAsync(GameServer server, string ignoredPatterns, CancellationToken ct);
}

/// <summary>The stand-in while the panel has no backups service: every backup task fails with a clear reason.</summary>
internal sealed class UnavailableScheduledBackups : IScheduledBackups
{
    public const string Text = "backups are not available";

    public Task<string?> CreateAsync(GameServer server, string ignoredPatterns, CancellationToken ct) => Task.FromResult<string?>(Text);
}
