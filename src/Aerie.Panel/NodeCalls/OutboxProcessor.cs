using System.Linq.Expressions;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.NodeCalls;

/// <summary>
/// Delivers queued node calls. Each node has two lanes, delivered side by side: revocations (deauthorize,
/// deny) and server lifecycle (create, sync, delete). Within a lane messages go out in order (a sync never
/// overtakes the create of its server); the lanes and the nodes are independent, so a create the node keeps
/// refusing, or a slow or dead node, never holds back a revocation elsewhere. The first failure stops that
/// lane's batch and pushes its messages back with exponential backoff capped at
/// <see cref="PanelOptions.OutboxMaxBackoff"/>; a row is deleted only when the node acknowledges, so pending
/// work survives a restart.
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
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Whatever broke this pass (database away, a bad row), the worker must live to retry: revocations depend on it.
                LogStoreError(logger, ex);
                await Task.Delay(options.OutboxPollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>One pass over every node that has due messages.</summary>
    internal async Task DeliverDueAsync(CancellationToken ct)
    {
        List<int> nodeIds;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            nodeIds = await scope.ServiceProvider.GetRequiredService<PanelDb>().Outbox
                .Where(m => m.NextAttemptUnixMs <= now).Select(m => m.NodeId).Distinct().ToListAsync(ct);
        }
        await Task.WhenAll(nodeIds.SelectMany(id => new[]
        {
            DeliverLaneAsync(id, NodeCallPaths.IsRevocation, ct),
            DeliverLaneAsync(id, NodeCallPaths.IsLifecycle, ct),
        }));
    }

    private async Task DeliverLaneAsync(int nodeId, Expression<Func<OutboxMessage, bool>> lane, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // The lane's head, due or not: a row queued after one that is backing off waits for it (a sync never
        // overtakes its server's failing create), so delivery stops at the first row not yet due.
        var queued = await db.Outbox.Where(m => m.NodeId == nodeId).Where(lane).OrderBy(m => m.Id).Take(100).ToListAsync(ct);
        var due = queued.TakeWhile(m => m.NextAttemptUnixMs <= now).ToList();
        if (due.Count == 0)
        {
            return;
        }
        var node = await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == nodeId, ct);
        var secret = node is null ? null : secrets.TryUnprotect(node.TokenSecretProtected);
        if (node is null || secret is null)
        {
            db.Outbox.RemoveRange(due); // node gone (or its secret lost): nobody left to tell
            await db.SaveChangesAsync(ct);
            return;
        }
        for (var i = 0; i < due.Count; i++)
        {
            var message = due[i];
            var (ok, detail) = await client.SendAsync(node, secret, message.Method, message.Path, message.BodyJson, CallTimeout, ct);
            if (ok)
            {
                db.Outbox.Remove(message);
                if (!await TrySaveAsync(db, ct))
                {
                    return;
                }
                continue;
            }
            LogRetry(logger, message.Method, message.Path, node.Name, message.Attempts + 1, detail);
            var retryAt = time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var pending in due.Skip(i))
            {
                pending.Attempts++;
                pending.LastError = detail;
                pending.NextAttemptUnixMs = retryAt + (long)Backoff(pending.Attempts).TotalMilliseconds;
            }
            await TrySaveAsync(db, ct);
            return;
        }
    }

    // A row can be dropped while we deliver it (NodeCallOutbox.DropStaleAsync); the next pass reloads the queue.
    private static async Task<bool> TrySaveAsync(PanelDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var ms = 250 * Math.Pow(2, Math.Min(attempts - 1, 16));
        return TimeSpan.FromMilliseconds(Math.Min(ms, options.OutboxMaxBackoff.TotalMilliseconds));
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Node call {Method} {Path} to node {Node} failed (attempt {Attempts}): {Detail}; will retry")]
    private static partial void LogRetry(ILogger logger, string method, string path, string node, int attempts, string detail);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Outbox pass failed")]
    private static partial void LogStoreError(ILogger logger, Exception ex);
}
