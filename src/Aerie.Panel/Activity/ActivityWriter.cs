using System.Threading.Channels;
using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.Activity;

/// <summary>
/// Writes activity rows in batches from one background loop, so a burst of credentials requests does
/// not queue behind one commit each (SQLite has a single writer). The queue is bounded: when it is full
/// the request waits (back-pressure, never unbounded memory). On shutdown the queue is closed and
/// drained; a row offered after that is written by the caller's own context, so no entry is lost.
/// </summary>
internal sealed partial class ActivityWriter(IServiceScopeFactory scopes, ILogger<ActivityWriter> logger) : IHostedService
{
    private const int Capacity = 4096;
    private const int MaxBatch = 256;

    private readonly Channel<ActivityRecord> queue = Channel.CreateBounded<ActivityRecord>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private Task loop = Task.CompletedTask;

    /// <summary>Queues the row; when the writer is stopped, saves it through <paramref name="db"/> right away.</summary>
    public async ValueTask RecordAsync(ActivityRecord record, PanelDb db, CancellationToken ct)
    {
        try
        {
            await queue.Writer.WriteAsync(record, ct);
        }
        catch (ChannelClosedException)
        {
            db.Activity.Add(record);
            await db.SaveChangesAsync(ct);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        loop = Task.Run(WriteLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        await loop.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<ActivityRecord>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var record))
            {
                batch.Add(record);
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
                db.Activity.AddRange(batch);
                await db.SaveChangesAsync();
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
            {
                // The loop must outlive a bad moment of the database; the batch is logged as lost.
                LogBatchLost(logger, batch.Count, ex);
            }
            batch.Clear();
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Could not write {Count} activity entries")]
    private static partial void LogBatchLost(ILogger logger, int count, Exception exception);
}
