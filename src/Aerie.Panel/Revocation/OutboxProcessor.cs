using Aerie.Panel.Data;
using Aerie.Panel.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.Revocation;

/// <summary>
/// Delivers queued node calls (oldest first, per due time). A failed delivery is retried with
/// exponential backoff capped at <see cref="PanelOptions.OutboxMaxBackoff"/>; the row is deleted only
/// when the node acknowledges, so pending work survives a restart.
/// </summary>
internal sealed partial class OutboxProcessor(
    IServiceScopeFactory scopes, NodeClient client, NodeSecrets secrets, OutboxSignal signal,
    PanelOptions options, TimeProvider time, ILogger<OutboxProcessor> logger) : BackgroundService
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
                await signal.WaitAsync(options.OutboxPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogStoreError(logger, ex);
                await Task.Delay(options.OutboxPollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>One pass: every due message, grouped by node so one dead node does not delay the others much.</summary>
    internal async Task DeliverDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var due = await db.Outbox.Where(m => m.NextAttemptUnixMs <= now).OrderBy(m => m.Id).Take(100).ToListAsync(ct);
        var deadNodes = new HashSet<int>();
        foreach (var message in due)
        {
            var node = await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == message.NodeId, ct);
            var secret = node is null ? null : secrets.TryUnprotect(node.TokenSecretProtected);
            if (node is null || secret is null)
            {
                db.Outbox.Remove(message); // node gone: nothing left to tell it
                continue;
            }
            var (ok, detail) = deadNodes.Contains(node.Id)
                ? (false, "node unreachable earlier in this pass")
                : await client.PostAsync(node, secret, message.Path, message.BodyJson, CallTimeout, ct);
            if (ok)
            {
                db.Outbox.Remove(message);
                continue;
            }
            deadNodes.Add(node.Id);
            message.Attempts++;
            message.LastError = detail;
            message.NextAttemptUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds() + (long)Backoff(message.Attempts).TotalMilliseconds;
            LogRetry(logger, message.Path, node.Name, message.Attempts, detail);
        }
        await db.SaveChangesAsync(ct);
    }

    private TimeSpan Backoff(int attempts)
    {
        var ms = 250 * Math.Pow(2, Math.Min(attempts - 1, 16));
        return TimeSpan.FromMilliseconds(Math.Min(ms, options.OutboxMaxBackoff.TotalMilliseconds));
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Revocation {Path} to node {Node} failed (attempt {Attempts}): {Detail}; will retry")]
    private static partial void LogRetry(ILogger logger, string path, string node, int attempts, string detail);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Outbox pass failed")]
    private static partial void LogStoreError(ILogger logger, Exception ex);
}
