using System.Data.Common;
using System.Text.Json.Nodes;
using Aerie.Panel.Activity;
using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.Backups;

/// <summary>
/// The backup sweeps of spec 07 §8/§9, every <see cref="Interval"/>: (1) a backup pending longer than
/// <see cref="PruneAge"/> is marked failed (its node report never came: a crash, or a create whose node call timed
/// out); (2) failed backups older than their policy's <c>prune_failed_after_hours</c> are deleted; (3) each server's
/// retention policy is applied. §8 checks pending every 30 min and §9 retention hourly; one 30-minute pass does both.
/// One runner per panel process (several replicas would only repeat idempotent work).
/// </summary>
internal sealed partial class BackupMaintenance(IServiceScopeFactory scopes, TimeProvider time, ILogger<BackupMaintenance> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan PruneAge = TimeSpan.FromMinutes(360);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or TimeoutException or InvalidOperationException)
            {
                LogSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass of the three sweeps; the tests call it with a fake clock.</summary>
    internal async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PanelDb>();
        var now = time.GetUtcNow();
        await FailStalePendingAsync(db, services.GetRequiredService<ActivityWriter>(), now, ct);
        var pruner = services.GetRequiredService<BackupPruner>();
        var retention = services.GetRequiredService<BackupRetention>();
        var serverIds = await db.Backups.Select(b => b.ServerId).Distinct().ToListAsync(ct);
        foreach (var id in serverIds)
        {
            var server = await db.Servers.FirstAsync(s => s.Id == id, ct);
            var policy = RetentionPolicy.Read(server.BackupRetentionJson);
            var failedBefore = now.AddHours(-policy.PruneFailedAfterHours);
            var failed = (await db.Backups.Where(b => b.ServerId == id && b.CompletedAt != null && !b.IsSuccessful).ToListAsync(ct))
                .Where(b => b.CompletedAt < failedBefore).ToList();
            if (failed.Count > 0)
            {
                var entries = pruner.Prune(server, failed);
                await db.SaveChangesAsync(ct);
                await pruner.FinishAsync(entries, ct);
            }
            await retention.ApplyAsync(server, ct);
        }
    }

    private static async Task FailStalePendingAsync(PanelDb db, ActivityWriter activity, DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = now - PruneAge;
        var stale = await db.Backups.Include(b => b.Server).Where(b => b.CompletedAt == null && b.CreatedAt < cutoff).ToListAsync(ct);
        foreach (var b in stale)
        {
            b.CompletedAt = now;
            b.IsSuccessful = false;
            b.IsLocked = false;
        }
        await db.SaveChangesAsync(ct);
        foreach (var b in stale)
        {
            await activity.RecordAsync(new ActivityRecord
            {
                ServerUuid = b.Server!.Uuid,
                Event = BackupEvents.Fail,
                MetadataJson = new JsonObject { ["name"] = b.Name, ["backup"] = b.Uuid.ToString(), ["reason"] = "timeout" }.ToJsonString(),
                Timestamp = now,
            }, db, ct);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "A backup sweep failed; the next one retries")]
    private static partial void LogSweepFailed(ILogger logger, Exception ex);
}
