using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Schedules;

/// <summary>
/// The schedule runner's lease row (<see cref="RunnerLease"/>): a process holds it while its expiry is in the future,
/// takes it only once it has lapsed, and renews it at half its time, each with one conditional UPDATE.
/// </summary>
internal static class ScheduleLease
{
    /// <summary>True when this process holds the lease after the call.</summary>
    public static async Task<bool> HoldAsync(PanelDb db, ScheduleRunnerOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var renewBefore = nowMs + ((long)options.LeaseTtl.TotalMilliseconds / 2);
        var expires = nowMs + (long)options.LeaseTtl.TotalMilliseconds;
        var holder = options.Holder;
        var name = options.LeaseName;
        var taken = await db.Leases
            .Where(l => l.Name == name && (l.ExpiresUnixMs < nowMs || (l.Holder == holder && l.ExpiresUnixMs < renewBefore)))
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresUnixMs, expires), ct);
        return taken == 1 || await db.Leases.AsNoTracking().AnyAsync(l => l.Name == name && l.Holder == holder && l.ExpiresUnixMs >= nowMs, ct);
    }

    /// <summary>Gives the lease up at shutdown, so another process need not wait for it to lapse.</summary>
    public static Task ReleaseAsync(PanelDb db, ScheduleRunnerOptions options, CancellationToken ct) =>
        db.Leases.Where(l => l.Name == options.LeaseName && l.Holder == options.Holder)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.ExpiresUnixMs, 0L), ct);
}
