using System.Text.Json;
using Aerie.Node.Configuration;
using Aerie.Node.Storage;

namespace Aerie.Node.Backups;

/// <summary>
/// Backup reports not yet accepted by the panel, one 0600 file each in <c>.aerie/backup-reports/</c> (the daemon's
/// private state folder, beside the activity spool), written before the first attempt and deleted once the panel has
/// answered for good, so a report survives a panel outage and a daemon restart (spec 07 §4, beyond Wings).
/// </summary>
internal sealed class BackupReportSpool(NodeConfig config)
{
    private readonly Lock gate = new();
    private readonly string folder = Path.Combine(NodePaths.StateDirectory(config), "backup-reports");

    public void Add(PendingReport report)
    {
        lock (gate)
        {
            PrivateFiles.CreateFolder(folder);
            PrivateFiles.ReplaceText(PathOf(report), JsonSerializer.Serialize(report));
        }
    }

    public void Remove(PendingReport report)
    {
        lock (gate)
        {
            File.Delete(PathOf(report));
        }
    }

    /// <summary>Every report waiting, oldest first; unreadable files (a torn write) are skipped.</summary>
    public List<PendingReport> All()
    {
        lock (gate)
        {
            if (!Directory.Exists(folder))
            {
                return [];
            }
            var all = new List<PendingReport>();
            foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
            {
                try
                {
                    if (JsonSerializer.Deserialize<PendingReport>(File.ReadAllText(file)) is { } report)
                    {
                        all.Add(report);
                    }
                }
                catch (Exception e) when (e is IOException or JsonException)
                {
                    // left for a later look; it cannot be sent as it is
                }
            }
            return [.. all.OrderBy(r => r.FirstAt)];
        }
    }

    public bool Contains(PendingReport report)
    {
        lock (gate)
        {
            return File.Exists(PathOf(report));
        }
    }

    private string PathOf(PendingReport report) => Path.Combine(folder, report.Key + ".json");
}
