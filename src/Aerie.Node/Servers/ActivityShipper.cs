using System.Text.Json;
using Aerie.Contracts.RemoteApi;
using Aerie.Node.Configuration;
using Aerie.Node.Panel;
using Aerie.Node.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Servers;

/// <summary>
/// Sends audit records to the panel in batches of at most <see cref="ActivityLimits.MaxBatchBytes"/>, oldest first.
/// A batch that fails in transit is kept and sent again with backoff. No batch can hold the rest: one the panel
/// refuses as a whole (too large, malformed), or that keeps failing, is split in halves down to single records;
/// a record the panel refuses on its own is permanently bad and goes to <c>.aerie/activity.jsonl</c> instead.
/// Without a panel every record goes to that file. On shutdown what is left waits in the spool's file.
/// </summary>
internal sealed partial class ActivityShipper(ActivitySpool spool, PanelClient panel, NodeConfig config, TimeProvider time, ILogger<ActivityShipper> logger)
    : BackgroundService
{
    // After this many failures in a row a batch is halved: a panel that drops the connection on a large body
    // (instead of answering 413) must not stall the queue either.
    private const int FailuresBeforeSplit = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(config.System.ActivityInterval);
        var failures = 0;
        var limit = ActivityLimits.MaxBatchEntries;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(interval * Math.Min(1 << Math.Min(failures, 5), 30), time, stoppingToken);
                while (spool.Peek(ActivityLimits.MaxBatchBytes, limit) is { Count: > 0 } batch)
                {
                    if (!panel.IsConfigured)
                    {
                        if (!await TryWriteLocalAsync(batch, stoppingToken))
                        {
                            failures++;
                            break;
                        }
                        spool.Commit(batch.Count);
                        continue;
                    }
                    var delivery = await SendAsync(batch, stoppingToken);
                    if (delivery is null)
                    {
                        failures++;
                        if (failures >= FailuresBeforeSplit)
                        {
                            limit = Math.Max(1, batch.Count / 2);
                        }
                        break;
                    }
                    failures = 0;
                    if (delivery.BatchRefused && batch.Count > 1)
                    {
                        limit = Math.Max(1, batch.Count / 2);
                        continue;
                    }
                    List<byte[]> refused = delivery.BatchRefused ? [batch[0]] : Refused(batch, delivery.Rejected);
                    if (refused.Count > 0 && !await TryWriteLocalAsync(refused, stoppingToken))
                    {
                        // Not written anywhere yet: keep the batch, the panel answers the same again.
                        failures++;
                        break;
                    }
                    spool.Commit(batch.Count);
                    limit = ActivityLimits.MaxBatchEntries;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        if (panel.IsConfigured)
        {
            try
            {
                spool.Persist();
            }
            catch (IOException e)
            {
                LogPersistFailed(logger, e);
            }
            return;
        }
        while (spool.Peek(ActivityLimits.MaxBatchBytes, ActivityLimits.MaxBatchEntries) is { Count: > 0 } rest
            && await TryWriteLocalAsync(rest, CancellationToken.None))
        {
            spool.Commit(rest.Count);
        }
    }

    private List<byte[]> Refused(List<byte[]> batch, IReadOnlyList<ActivityRejection> rejected)
    {
        var refused = new List<byte[]>();
        foreach (var r in rejected.Where(r => r.Index >= 0 && r.Index < batch.Count).DistinctBy(r => r.Index))
        {
            LogRejected(logger, r.Error);
            refused.Add(batch[r.Index]);
        }
        return refused;
    }

    private async Task<ActivityDelivery?> SendAsync(List<byte[]> batch, CancellationToken ct)
    {
        try
        {
            var delivery = await panel.PostActivityAsync(batch, ct);
            if (delivery.BatchRefused && batch.Count == 1)
            {
                LogRejected(logger, "refused as a whole");
            }
            return delivery;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            LogRetry(logger, batch.Count, e.Message);
            return null;
        }
    }

    private async Task<bool> TryWriteLocalAsync(List<byte[]> records, CancellationToken ct)
    {
        try
        {
            await using var file = PrivateFiles.OpenInPrivateFolder(NodePaths.ActivityFile(config), FileMode.Append, FileAccess.Write);
            foreach (var json in records)
            {
                await file.WriteAsync(json, ct);
                file.WriteByte((byte)'\n');
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogLocalFailed(logger, e);
            return false;
        }
    }

    [LoggerMessage(EventId = 44, Level = LogLevel.Warning, Message = "Sending {Count} activity records to the panel failed, will retry: {Reason}")]
    private static partial void LogRetry(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 45, Level = LogLevel.Warning, Message = "The panel refused an activity record ({Reason}); it is kept in .aerie/activity.jsonl")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 46, Level = LogLevel.Error, Message = "Could not write activity records to .aerie/activity.jsonl; will retry")]
    private static partial void LogLocalFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 47, Level = LogLevel.Error, Message = "Could not keep the pending activity records for the next start")]
    private static partial void LogPersistFailed(ILogger logger, Exception exception);
}
