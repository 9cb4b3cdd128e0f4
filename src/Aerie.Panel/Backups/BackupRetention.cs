using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Backups;

/// <summary>Applies a server's retention policy (spec 07 §9) to its stored backups: after each successful backup and hourly.</summary>
internal sealed class BackupRetention(PanelDb db, BackupPruner pruner, TimeProvider time)
{
    /// <summary>What the policy would delete now, newest-first order kept by the planner (the preview).</summary>
    public async Task<IReadOnlyList<(Backup Backup, string Reason)>> PlanAsync(GameServer server, RetentionPolicy policy, CancellationToken ct)
    {
        var rows = await db.Backups.AsNoTracking().Where(b => b.ServerId == server.Id).ToListAsync(ct);
        return Plan(server, policy, rows);
    }

    /// <summary>Deletes what the server's policy prunes, then what a rotation at the backup limit needs (a limit of 0 rotates
    /// nothing: it forbids new backups, it does not delete old ones); returns how many went.</summary>
    public async Task<int> ApplyAsync(GameServer server, CancellationToken ct)
    {
        var rows = await db.Backups.Where(b => b.ServerId == server.Id).ToListAsync(ct);
        var plan = Plan(server, RetentionPolicy.Read(server.BackupRetentionJson), rows);
        if (plan.Count == 0)
        {
            return 0;
        }
        var entries = pruner.Prune(server, plan.Select(p => p.Backup));
        await db.SaveChangesAsync(ct);
        await pruner.FinishAsync(entries, ct);
        return plan.Count;
    }

    private IReadOnlyList<(Backup Backup, string Reason)> Plan(GameServer server, RetentionPolicy policy, List<Backup> rows)
    {
        var byFacts = rows.ToDictionary(BackupFacts.Of);
        return [.. RetentionPlanner.Plan(policy, [.. byFacts.Keys], time.GetUtcNow(), server.BackupLimit is > 0 and var limit ? limit : null).Select(p => (byFacts[p.Backup], p.Reason))];
    }
}
