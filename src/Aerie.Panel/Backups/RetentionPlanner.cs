namespace Aerie.Panel.Backups;

/// <summary>
/// The keep-set of spec 07 §9, pure: given a server's backups, its policy and the time, which successful backups
/// retention deletes and why. Steps: (1) candidates = successful and unlocked; (2) keep the newest
/// <c>keep_last</c>, and the newest of each of the last <c>keep_daily</c> calendar days, <c>keep_weekly</c> ISO
/// weeks and <c>keep_monthly</c> months (UTC, counted back from the period holding <c>now</c>); the rest go;
/// (3) oldest first, a kept candidate older than <c>max_age_days</c> goes, then the oldest go while the
/// successful backups (locked ones included: they take the space too) exceed <c>max_total_bytes</c>;
/// (4) with <paramref name="limit"/> and rotation, the oldest go until the non-failed count fits. The newest
/// successful backup never goes; locked and pending ones are never candidates.
/// </summary>
internal static class RetentionPlanner
{
    public static IReadOnlyList<(BackupFacts Backup, string Reason)> Plan(RetentionPolicy policy, IReadOnlyList<BackupFacts> backups, DateTimeOffset now, int? limit = null)
    {
        var newestSuccessful = backups.Where(b => b.IsSuccessful && !b.IsPending).OrderByDescending(b => b.CreatedAt).FirstOrDefault();
        var candidates = backups.Where(b => b.IsCandidate).OrderByDescending(b => b.CreatedAt).ToList();
        var pruned = new List<(BackupFacts, string)>();
        var kept = policy.KeepsEverything ? [.. candidates] : KeepSet(policy, candidates, now);
        pruned.AddRange(candidates.Where(c => !kept.Contains(c) && c != newestSuccessful).Select(c => (c, PruneReason.Policy)));
        // What the limits below may still take, oldest first; never the newest successful backup.
        var remaining = candidates.Where(c => kept.Contains(c) && c != newestSuccessful).OrderBy(c => c.CreatedAt).ToList();
        if (policy.MaxAgeDays is > 0 and var days)
        {
            var cutoff = now.AddDays(-days);
            foreach (var old in remaining.Where(c => c.CreatedAt < cutoff).ToList())
            {
                pruned.Add((old, PruneReason.MaxAge));
                remaining.Remove(old);
            }
        }
        if (policy.MaxTotalBytes is > 0 and var max)
        {
            var gone = pruned.Select(p => p.Item1).ToHashSet();
            var total = backups.Where(b => b.IsSuccessful && !b.IsPending && !gone.Contains(b)).Sum(b => b.Bytes);
            while (total > max && remaining.Count > 0)
            {
                var oldest = remaining[0];
                remaining.RemoveAt(0);
                total -= oldest.Bytes;
                pruned.Add((oldest, PruneReason.MaxTotalBytes));
            }
        }
        if (limit is { } n && policy.Rotates)
        {
            var gone = pruned.Count;
            var count = backups.Count(b => !b.IsFailed) - gone;
            while (count > n && remaining.Count > 0)
            {
                pruned.Add((remaining[0], PruneReason.Limit));
                remaining.RemoveAt(0);
                count--;
            }
        }
        return pruned;
    }

    /// <summary>How many candidates a rotation could free (the newest successful excluded): creation at the limit needs one.</summary>
    public static int Rotatable(IReadOnlyList<BackupFacts> backups) =>
        // A new backup that succeeds becomes the newest, so today's newest successful may go then too.
        backups.Count(b => b.IsCandidate);

    private static HashSet<BackupFacts> KeepSet(RetentionPolicy policy, List<BackupFacts> newestFirst, DateTimeOffset now)
    {
        var keep = new HashSet<BackupFacts>(newestFirst.Take(Math.Max(0, policy.KeepLast ?? 0)));
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        KeepNewestPer(keep, newestFirst, policy.KeepDaily, b => DateOnly.FromDateTime(b.CreatedAt.UtcDateTime).DayNumber, today.DayNumber);
        KeepNewestPer(keep, newestFirst, policy.KeepWeekly, b => WeekNumber(b.CreatedAt.UtcDateTime), WeekNumber(now.UtcDateTime));
        KeepNewestPer(keep, newestFirst, policy.KeepMonthly, b => MonthNumber(b.CreatedAt.UtcDateTime), MonthNumber(now.UtcDateTime));
        return keep;
    }

    /// <summary>For each of the <paramref name="periods"/> periods ending with <paramref name="current"/>, keeps the newest candidate in it.</summary>
    private static void KeepNewestPer(HashSet<BackupFacts> keep, List<BackupFacts> newestFirst, int? periods, Func<BackupFacts, int> period, int current)
    {
        if (periods is not > 0)
        {
            return;
        }
        var first = current - periods.Value + 1;
        var filled = new HashSet<int>();
        foreach (var b in newestFirst)
        {
            var p = period(b);
            if (p >= first && p <= current && filled.Add(p))
            {
                keep.Add(b);
            }
        }
    }

    /// <summary>A running count of ISO weeks (Monday starts one), so consecutive weeks differ by 1 across years.</summary>
    private static int WeekNumber(DateTime utc)
    {
        var date = DateOnly.FromDateTime(utc);
        var monday = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
        return monday.DayNumber / 7;
    }

    private static int MonthNumber(DateTime utc) => (utc.Year * 12) + utc.Month - 1;
}
