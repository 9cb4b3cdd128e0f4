using System.Text.Json.Nodes;
using Aerie.Panel.Activity;
using Aerie.Panel.Data;
using Aerie.Panel.NodeCalls;

namespace Aerie.Panel.Backups;

/// <summary>
/// Deletes backups nobody asked to delete (retention, failed sweeps). The node's DELETE goes through the durable
/// outbox, not a direct call: no user waits for it, a node that is down must still lose the archive later, and the
/// node's 404 (archive already gone) counts as delivered. The row is soft-deleted in the same unit of work.
/// </summary>
internal sealed class BackupPruner(PanelDb db, NodeCallOutbox outbox, ActivityWriter activity, TimeProvider time)
{
    /// <summary>Marks <paramref name="backups"/> deleted and queues their node deletes; the caller saves, then <see cref="FinishAsync"/>.</summary>
    public IReadOnlyList<ActivityRecord> Prune(GameServer server, IEnumerable<Backup> backups)
    {
        var now = time.GetUtcNow();
        var entries = new List<ActivityRecord>();
        foreach (var b in backups)
        {
            b.DeletedAt = now;
            if (b.Disk == BackupPaths.LocalDisk)
            {
                outbox.BackupDeleted(server, b.Uuid);
            }
            entries.Add(new ActivityRecord
            {
                ServerUuid = server.Uuid,
                Event = BackupEvents.Delete,
                MetadataJson = new JsonObject { ["name"] = b.Name, ["reason"] = BackupEvents.RetentionReason, ["backup"] = b.Uuid.ToString() }.ToJsonString(),
                Timestamp = now,
            });
        }
        return entries;
    }

    /// <summary>After the save: wakes the outbox and writes the activity entries.</summary>
    public async Task FinishAsync(IReadOnlyList<ActivityRecord> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }
        outbox.Wake();
        foreach (var e in entries)
        {
            await activity.RecordAsync(e, db, ct);
        }
    }
}
