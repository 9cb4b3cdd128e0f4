using System.Data.Common;
using System.Threading.Channels;
using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.Activity;

/// <summary>
/// Writes activity rows in batches from one background loop, so a burst of credentials requests does
/// not queue behind one commit each (SQLite has a single writer). The queue is bounded: when it is full
/// the request waits (back-pressure, never unbounded memory). A failed write is retried with backoff and
/// never dropped while the database is unreachable; a batch that keeps failing is written row by row so one
/// bad row cannot hold the others, and a row is given up (logged in full) only when the database answers
/// but refuses that row <see cref="AttemptsPerRow"/> times. On shutdown the queue is closed and drained; a
/// row offered after that is written by the caller's own context, so no entry is lost.
/// </summary>
internal sealed partial class ActivityWriter(IActivityStore store, TimeProvider time, ILogger<ActivityWriter> logger) : IHostedService
{
    private const int Capacity = 4096;
    private const int MaxBatch = 256;
    private const int AttemptsPerBatch = 2;
    private const int AttemptsPerRow = 5;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

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
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<ActivityRecord> rows)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A failed save may have left generated keys on the rows; the next attempt inserts them afresh.
                rows.ForEach(r => r.Id = 0);
                await store.SaveAsync(rows, CancellationToken.None);
                return;
            }
            catch (Exception ex) when (IsDatabaseFailure(ex))
            {
                if (rows.Count > 1 && attempt >= AttemptsPerBatch)
                {
                    foreach (var row in rows)
                    {
                        await WriteAsync([row]);
                    }
                    return;
                }
                if (rows.Count == 1 && attempt >= AttemptsPerRow && await ReachableAsync())
                {
                    var row = rows[0];
                    LogRowRefused(logger, row.Event, row.ServerUuid, row.UserUuid, row.Ip, row.MetadataJson, row.Timestamp, ex);
                    return;
                }
                LogRetry(logger, rows.Count, attempt, ex);
                await Task.Delay(Backoff(attempt), time);
            }
        }
    }

    private async Task<bool> ReachableAsync()
    {
        try
        {
            return await store.ReachableAsync(CancellationToken.None);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex))
        {
            return false;
        }
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(attempt - 1, 10))));

    private static bool IsDatabaseFailure(Exception ex) => ex is DbException or DbUpdateException or InvalidOperationException or TimeoutException;

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Could not write {Count} activity entries (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, int count, int attempt, Exception exception);

    [LoggerMessage(EventId = 31, Level = LogLevel.Error, Message = "The database refuses an activity entry, given up: {Event} server {Server} user {User} ip {Ip} metadata {Metadata} at {Timestamp}")]
    private static partial void LogRowRefused(ILogger logger, string @event, Guid? server, Guid? user, string? ip, string metadata, DateTimeOffset timestamp, Exception exception);
}
