using Aerie.Panel.Backups;

namespace Aerie.Panel.Tests.Backups;

/// <summary>Spec 07 §9's keep-set: buckets in UTC, age and size limits, rotation, and what is never pruned.</summary>
public sealed class RetentionPlannerTests
{
    // A Wednesday, so the ISO week started two days before.
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly RetentionPolicy Off = new(null, null, null, null, null, null, RetentionPolicy.Rotate, 24);

    private static BackupFacts Ok(TimeSpan age, long bytes = 100, bool locked = false) => new(Guid.NewGuid(), Now - age, Now - age + TimeSpan.FromMinutes(1), true, locked, bytes);

    private static BackupFacts Pending(TimeSpan age) => new(Guid.NewGuid(), Now - age, null, false, false, 0);

    private static BackupFacts Failed(TimeSpan age) => new(Guid.NewGuid(), Now - age, Now - age, false, false, 0);

    private static HashSet<BackupFacts> Pruned(RetentionPolicy policy, IReadOnlyList<BackupFacts> backups, int? limit = null) =>
        [.. RetentionPlanner.Plan(policy, backups, Now, limit).Select(p => p.Backup)];

    [Fact]
    public void AllBucketsOff_KeepsEverything()
    {
        var backups = Enumerable.Range(1, 10).Select(d => Ok(TimeSpan.FromDays(d * 40))).ToList();
        Assert.Empty(Pruned(Off, backups));
        Assert.Empty(Pruned(Off with { KeepLast = 0, KeepDaily = 0 }, backups));
    }

    [Fact]
    public void KeepLast_KeepsTheNewest_PrunesTheRest_WithPolicyReason()
    {
        var backups = Enumerable.Range(0, 5).Select(h => Ok(TimeSpan.FromHours(h + 1))).ToList();
        var plan = RetentionPlanner.Plan(Off with { KeepLast = 2 }, backups, Now);
        Assert.Equal(backups.Skip(2).ToHashSet(), plan.Select(p => p.Backup).ToHashSet());
        Assert.All(plan, p => Assert.Equal(PruneReason.Policy, p.Reason));
    }

    [Fact]
    public void Daily_KeepsNewestOfEachOfTheLastDays_InUtc()
    {
        // Two a day for four days; 2026-12-02 00:30 and 23:30 the day before are different UTC days.
        var today = Ok(TimeSpan.FromHours(11.5));
        var todayOlder = Ok(TimeSpan.FromHours(11.6));
        var yesterdayLate = Ok(TimeSpan.FromHours(12.5));
        var yesterdayEarly = Ok(TimeSpan.FromHours(30));
        var twoDaysAgo = Ok(TimeSpan.FromHours(40));
        var fourDaysAgo = Ok(TimeSpan.FromDays(4));
        var backups = new[] { today, todayOlder, yesterdayLate, yesterdayEarly, twoDaysAgo, fourDaysAgo };
        Assert.Equal(new HashSet<BackupFacts> { todayOlder, yesterdayEarly, fourDaysAgo }, Pruned(Off with { KeepDaily = 3 }, backups));
    }

    [Fact]
    public void Weekly_UsesIsoWeeks_MondayStarts()
    {
        // Now is Wednesday 2026-12-02: Monday 11-30 is this week, Sunday 11-29 the week before.
        var monday = new BackupFacts(Guid.NewGuid(), new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero), Now.AddDays(-2), true, false, 1);
        var sundayLate = new BackupFacts(Guid.NewGuid(), new DateTimeOffset(2026, 11, 29, 23, 0, 0, TimeSpan.Zero), Now.AddDays(-2), true, false, 1);
        var sundayEarly = new BackupFacts(Guid.NewGuid(), new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero), Now.AddDays(-3), true, false, 1);
        var threeWeeksAgo = new BackupFacts(Guid.NewGuid(), new DateTimeOffset(2026, 11, 12, 1, 0, 0, TimeSpan.Zero), Now.AddDays(-20), true, false, 1);
        Assert.Equal(new HashSet<BackupFacts> { sundayEarly, threeWeeksAgo }, Pruned(Off with { KeepWeekly = 2 }, [monday, sundayLate, sundayEarly, threeWeeksAgo]));
    }

    [Fact]
    public void Monthly_AcrossTheYear()
    {
        var dec = new BackupFacts(Guid.NewGuid(), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Now, true, false, 1);
        var nov = new BackupFacts(Guid.NewGuid(), new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), Now, true, false, 1);
        var novOlder = new BackupFacts(Guid.NewGuid(), new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), Now, true, false, 1);
        var oct = new BackupFacts(Guid.NewGuid(), new DateTimeOffset(2026, 10, 30, 0, 0, 0, TimeSpan.Zero), Now, true, false, 1);
        var lastYear = new BackupFacts(Guid.NewGuid(), new DateTimeOffset(2025, 12, 30, 0, 0, 0, TimeSpan.Zero), Now, true, false, 1);
        Assert.Equal(new HashSet<BackupFacts> { novOlder, lastYear }, Pruned(Off with { KeepMonthly = 3 }, [dec, nov, novOlder, oct, lastYear]));
    }

    [Fact]
    public void BucketsUnite_KeepLastPlusDaily()
    {
        var a = Ok(TimeSpan.FromHours(1));
        var b = Ok(TimeSpan.FromHours(2));
        var c = Ok(TimeSpan.FromHours(3));
        var yesterday = Ok(TimeSpan.FromHours(25));
        var yesterdayOlder = Ok(TimeSpan.FromHours(26));
        Assert.Equal(new HashSet<BackupFacts> { c, yesterdayOlder }, Pruned(Off with { KeepLast = 2, KeepDaily = 2 }, [a, b, c, yesterday, yesterdayOlder]));
    }

    [Fact]
    public void LockedAndPending_NeverPruned_AndHoldNoKeepSlot()
    {
        var pending = Pending(TimeSpan.FromMinutes(5));
        var locked = Ok(TimeSpan.FromHours(1), locked: true);
        var newest = Ok(TimeSpan.FromHours(2));
        var second = Ok(TimeSpan.FromHours(3));
        var third = Ok(TimeSpan.FromHours(4));
        var failed = Failed(TimeSpan.FromHours(5));
        // keep_last 2 goes to the two newest unlocked successful ones; the locked one took no slot.
        Assert.Equal(new HashSet<BackupFacts> { third }, Pruned(Off with { KeepLast = 2 }, [pending, locked, newest, second, third, failed]));
    }

    [Fact]
    public void NewestSuccessful_NeverPruned_EvenByAgeOrSize()
    {
        var only = Ok(TimeSpan.FromDays(400), bytes: 10_000);
        var older = Ok(TimeSpan.FromDays(500), bytes: 10_000);
        Assert.Equal(new HashSet<BackupFacts> { older }, Pruned(Off with { MaxAgeDays = 30 }, [only, older]));
        Assert.Equal(new HashSet<BackupFacts> { older }, Pruned(Off with { MaxTotalBytes = 1 }, [only, older]));
    }

    [Fact]
    public void MaxAge_PrunesOlderKeptOnes()
    {
        var fresh = Ok(TimeSpan.FromDays(1));
        var edge = Ok(TimeSpan.FromDays(9));
        var old = Ok(TimeSpan.FromDays(11));
        var plan = RetentionPlanner.Plan(Off with { MaxAgeDays = 10 }, [fresh, edge, old], Now);
        Assert.Equal([(old, PruneReason.MaxAge)], plan);
    }

    [Fact]
    public void MaxTotalBytes_OldestFirst_CountingLockedSpace()
    {
        var newest = Ok(TimeSpan.FromHours(1), bytes: 400);
        var locked = Ok(TimeSpan.FromHours(2), bytes: 300, locked: true);
        var mid = Ok(TimeSpan.FromHours(3), bytes: 200);
        var oldest = Ok(TimeSpan.FromHours(4), bytes: 200);
        // 1100 bytes over a 750 cap: the oldest goes (900), then mid (700).
        var plan = RetentionPlanner.Plan(Off with { MaxTotalBytes = 750 }, [newest, locked, mid, oldest], Now);
        Assert.Equal([(oldest, PruneReason.MaxTotalBytes), (mid, PruneReason.MaxTotalBytes)], plan);
        Assert.Equal([(oldest, PruneReason.MaxTotalBytes)], RetentionPlanner.Plan(Off with { MaxTotalBytes = 900 }, [newest, locked, mid, oldest], Now));
    }

    [Fact]
    public void Limit_RotatesOldestCandidates_OnlyWhenRotating()
    {
        var newest = Ok(TimeSpan.FromHours(1));
        var locked = Ok(TimeSpan.FromHours(2), locked: true);
        var mid = Ok(TimeSpan.FromHours(3));
        var oldest = Ok(TimeSpan.FromHours(4));
        var failed = Failed(TimeSpan.FromHours(5));
        // Four non-failed over a limit of 3: the oldest unlocked one goes; the failed one does not count.
        Assert.Equal([(oldest, PruneReason.Limit)], RetentionPlanner.Plan(Off, [newest, locked, mid, oldest, failed], Now, limit: 3));
        Assert.Equal(new HashSet<BackupFacts> { mid, oldest }, Pruned(Off, [newest, locked, mid, oldest], limit: 2));
        // Only locked and the newest left to take: the count stays over.
        Assert.Equal(new HashSet<BackupFacts> { mid, oldest }, Pruned(Off, [newest, locked, mid, oldest], limit: 1));
        Assert.Empty(Pruned(Off with { OnLimit = RetentionPolicy.Reject }, [newest, locked, mid, oldest], limit: 1));
    }

    [Fact]
    public void Rotatable_CountsUnlockedSuccessfulOnly()
    {
        Assert.Equal(1, RetentionPlanner.Rotatable([Ok(TimeSpan.FromHours(1)), Ok(TimeSpan.FromHours(2), locked: true), Pending(TimeSpan.FromMinutes(1)), Failed(TimeSpan.FromHours(3))]));
    }

    [Fact]
    public void Policy_Json_RoundTrips_DefaultsWhenUnset()
    {
        Assert.Equal(RetentionPolicy.Default, RetentionPolicy.Read(null));
        Assert.Equal(RetentionPolicy.Default, RetentionPolicy.Read("not json"));
        Assert.Equal(
            """{"keep_last":3,"keep_daily":7,"keep_weekly":4,"keep_monthly":6,"max_age_days":null,"max_total_bytes":null,"on_limit":"rotate","prune_failed_after_hours":24}""",
            RetentionPolicy.Default.Write());
        var custom = Off with { KeepLast = 1, MaxTotalBytes = 5_000_000_000 };
        Assert.Equal(custom, RetentionPolicy.Read(custom.Write()));
    }
}
