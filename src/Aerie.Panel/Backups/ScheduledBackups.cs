using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Schedules;

namespace Aerie.Panel.Backups;

/// <summary>
/// A schedule's <c>backup</c> task (spec 07 §10): the same throttle, limit and rotation rules as a user's backup
/// (§8, §9: at the limit the server's policy rotates the oldest unlocked one out after the new one succeeds), never
/// locked; a refusal is the task's failure, in the text the user would have seen.
/// </summary>
internal sealed class ScheduledBackups(BackupService backups) : IScheduledBackups
{
    public async Task<string?> CreateAsync(GameServer server, string ignoredPatterns, CancellationToken ct)
    {
        try
        {
            var admission = await backups.AdmitAsync(server, name: null, BackupService.Patterns(ignoredPatterns), locked: false, ct);
            if (admission.Backup is not { } backup)
            {
                return BackupTexts.Throttle(BackupService.ThrottleCount, BackupService.ThrottleSeconds);
            }
            await backups.StartAsync(server, backup, ct);
            return null;
        }
        catch (PanelProblem refused)
        {
            return refused.Message;
        }
    }
}
