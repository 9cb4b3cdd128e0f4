using System.Globalization;
using System.Text.Json;
using Aerie.Panel.Api;
using Aerie.Panel.ClientServers;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Backups;

/// <summary>
/// The panel's half of creating, restoring and deleting a backup (spec 07 §5, §8). The user-facing calls go to the
/// node directly, not through the outbox: the user waits for the answer and must see a node refusal (409 another
/// backup running, 404 archive missing) at once, and the node's 202 is immediate. Deletes nobody waits for
/// (retention) use the outbox instead (<see cref="BackupPruner"/>).
/// </summary>
internal sealed class BackupService(PanelDb db, NodeClient nodes, NodeSecrets secrets, PanelOptions options, TimeProvider time)
{
    public const int ThrottleCount = 2;
    public const int ThrottleSeconds = 600;

    /// <summary>Newline-separated patterns, one per line (a space-joined jspteroapi list stays one pattern, as in Pterodactyl).</summary>
    public static List<string> Patterns(string? ignored) =>
        ignored is null ? [] : [.. ignored.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    /// <summary>
    /// The throttle and limit checks and the pending row, as one step per server: two creates at the same moment
    /// cannot both pass (§8). The first statement is a no-op write on the server's row, so PostgreSQL holds that
    /// row's lock until the commit and a concurrent admission for the same server waits, then reads this one's row
    /// (read committed: each statement sees what committed before it); SQLite has one writer at a time, and the
    /// transaction is a writer from its first statement. The node is asked afterwards, outside the lock
    /// (<see cref="StartAsync"/>).
    /// </summary>
    /// <returns>the stored pending backup, or the seconds to wait when the throttle refuses</returns>
    /// <exception cref="PanelProblem">400 TooManyBackupsException at the limit</exception>
    public async Task<BackupAdmission> AdmitAsync(GameServer server, string? name, IReadOnlyList<string> ignored, bool locked, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Servers.Where(s => s.Id == server.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.BackupLimit, s => s.BackupLimit), ct);
        if (await ThrottledForAsync(server, ct) is { } wait)
        {
            return new BackupAdmission(null, wait);
        }
        await CheckLimitAsync(server, ct);
        var now = time.GetUtcNow();
        var backup = new Backup
        {
            ServerId = server.Id,
            Name = name ?? "Backup at " + now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            IgnoredFilesJson = JsonSerializer.Serialize(ignored),
            Disk = BackupPaths.LocalDisk,
            IsLocked = locked,
            CreatedAt = now,
        };
        db.Backups.Add(backup);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new BackupAdmission(backup, null);
    }

    /// <summary>Seconds until another backup may start when 2 were created (deleted ones included) in the last 600 s, else null.</summary>
    private async Task<int?> ThrottledForAsync(GameServer server, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var since = now.AddSeconds(-ThrottleSeconds);
        var recent = await db.Backups.IgnoreQueryFilters().Where(b => b.ServerId == server.Id && b.CreatedAt > since).Select(b => b.CreatedAt).ToListAsync(ct);
        if (recent.Count < ThrottleCount)
        {
            return null;
        }
        var freed = recent.OrderByDescending(t => t).Skip(ThrottleCount - 1).First().AddSeconds(ThrottleSeconds);
        return Math.Max(1, (int)Math.Ceiling((freed - now).TotalSeconds));
    }

    /// <summary>§8/§9 at creation: limit 0 refuses; at the limit, "reject" refuses and "rotate" needs a backup a later rotation can delete.</summary>
    /// <exception cref="PanelProblem">400 TooManyBackupsException</exception>
    private async Task CheckLimitAsync(GameServer server, CancellationToken ct)
    {
        // Pterodactyl treats an unset limit as 0.
        var limit = server.BackupLimit ?? 0;
        if (limit <= 0)
        {
            throw PanelProblem.Display(BackupTexts.Limit(limit), BackupTexts.TooManyBackupsCode);
        }
        var rows = await db.Backups.AsNoTracking().Where(b => b.ServerId == server.Id).ToListAsync(ct);
        var facts = rows.Select(BackupFacts.Of).ToList();
        var count = facts.Count(f => !f.IsFailed);
        if (count < limit)
        {
            return;
        }
        var policy = RetentionPolicy.Read(server.BackupRetentionJson);
        if (!policy.Rotates || RetentionPlanner.Rotatable(facts) < count + 1 - limit)
        {
            throw PanelProblem.Display(BackupTexts.Limit(limit), BackupTexts.TooManyBackupsCode);
        }
    }

    /// <summary>
    /// Asks the node to write the admitted backup (<see cref="AdmitAsync"/>); the row was committed first so a fast
    /// node report finds it. A node that answered with a refusal started nothing: the row becomes failed. A node
    /// that did not answer (504) may have started it and may still report; the row stays pending and the
    /// 360-minute sweep (<see cref="BackupMaintenance"/>) fails it if no report ever comes.
    /// </summary>
    public async Task StartAsync(GameServer server, Backup backup, CancellationToken ct)
    {
        var ignored = JsonSerializer.Deserialize<List<string>>(backup.IgnoredFilesJson) ?? [];
        var body = Json.Write(new NodeBackupRequest(backup.Disk, backup.Uuid.ToString(), string.Join('\n', ignored)));
        if (await CallAsync(server, "POST", BackupPaths.Create(server.Uuid), body, ignoreNotFound: false, ct) is { } failure)
        {
            if (failure.Status != 504)
            {
                backup.CompletedAt = time.GetUtcNow();
                backup.IsLocked = false;
                await db.SaveChangesAsync(CancellationToken.None);
            }
            throw failure;
        }
    }

    /// <summary>§5 panel side: server status null and backup successful, then status <c>restoring_backup</c> and the node call;
    /// a failed call puts the status back.</summary>
    public async Task RestoreAsync(GameServer server, Backup backup, bool truncate, CancellationToken ct)
    {
        if (server.Status is not null)
        {
            throw PanelProblem.Display(BackupTexts.NotRestorableState, ApiErrorCodes.BadRequest);
        }
        if (!backup.IsSuccessful || backup.CompletedAt is null)
        {
            throw PanelProblem.Display(BackupTexts.NotRestorable, ApiErrorCodes.BadRequest);
        }
        server.Status = ServerStateGate.RestoringBackupStatus;
        await db.SaveChangesAsync(ct);
        var body = Json.Write(new NodeRestoreRequest(backup.Disk, truncate, ""));
        if (await CallAsync(server, "POST", BackupPaths.Restore(server.Uuid, backup.Uuid), body, ignoreNotFound: false, ct) is { } failure)
        {
            server.Status = null;
            await db.SaveChangesAsync(CancellationToken.None);
            throw failure;
        }
    }

    /// <summary>§8 delete: a locked successful backup stays; a local one goes from the node first (its 404 = already gone), then the row.</summary>
    public async Task DeleteAsync(GameServer server, Backup backup, CancellationToken ct)
    {
        if (backup.IsLocked && backup.IsSuccessful && backup.CompletedAt is not null)
        {
            throw PanelProblem.Display(BackupTexts.Locked, BackupTexts.LockedCode);
        }
        if (backup.Disk == BackupPaths.LocalDisk && await CallAsync(server, "DELETE", BackupPaths.Delete(server.Uuid, backup.Uuid), "", ignoreNotFound: true, ct) is { } failure)
        {
            throw failure;
        }
        backup.DeletedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    private async Task<PanelProblem?> CallAsync(GameServer server, string method, string path, string json, bool ignoreNotFound, CancellationToken ct)
    {
        if (server.Node is not { } node)
        {
            return new PanelProblem(504, NodeClient.UnreachableText);
        }
        var secret = secrets.TryUnprotect(node.TokenSecretProtected);
        return secret is null
            ? new PanelProblem(500, ApiErrorCodes.UnexpectedText)
            : await nodes.CallAsync(node, secret, method, path, json, options.PreflightTimeout * 5, ignoreNotFound, ct);
    }
}
