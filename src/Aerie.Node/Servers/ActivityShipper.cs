using System.Text.Json;
using Aerie.Contracts;
using Aerie.Contracts.RemoteApi;
using Aerie.Node.Configuration;
using Aerie.Node.Panel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Servers;

/// <summary>Sends audit records to the panel in batches; a failed batch is kept and retried, never dropped.
/// Without a panel the records go to <c>.aerie/activity.jsonl</c>. On shutdown, what is left is written locally.</summary>
internal sealed class ActivityShipper(ActivityRecorder recorder, PanelClient panel, NodeConfig config, TimeProvider time, ILogger<ActivityShipper> logger)
    : BackgroundService
{
    private const int BatchSize = 100;
    private readonly List<ActivityEntry> pending = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(config.System.ActivityInterval);
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(interval * Math.Min(1 << Math.Min(failures, 5), 30), time, stoppingToken);
                Drain();
                while (pending.Count > 0)
                {
                    var batch = pending.Take(BatchSize).ToList();
                    if (!await ShipAsync(batch, stoppingToken))
                    {
                        failures++;
                        break;
                    }
                    failures = 0;
                    pending.RemoveRange(0, batch.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        Drain();
        if (pending.Count > 0)
        {
            await WriteLocalAsync(pending, CancellationToken.None);
        }
    }

    private void Drain()
    {
        while (recorder.Reader.TryRead(out var entry))
        {
            pending.Add(entry);
        }
    }

    private async Task<bool> ShipAsync(List<ActivityEntry> batch, CancellationToken ct)
    {
        if (!panel.IsConfigured)
        {
            await WriteLocalAsync(batch, ct);
            return true;
        }
        try
        {
            await panel.PostActivityAsync(batch, ct);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("sending {Count} activity records to the panel failed, will retry: {Reason}", batch.Count, e.Message);
            return false;
        }
    }

    private async Task WriteLocalAsync(IEnumerable<ActivityEntry> batch, CancellationToken ct)
    {
        var file = NodePaths.ActivityFile(config);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var lines = batch.Select(e => JsonSerializer.Serialize(e, ContractsJson.Options));
        await File.AppendAllLinesAsync(file, lines, ct);
    }
}
