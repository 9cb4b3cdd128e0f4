using System.Collections.Concurrent;
using Aerie.Panel.Nodes;

namespace Aerie.Panel.Credentials;

/// <summary>
/// Remembers a successful preflight for a few seconds so reconnect bursts do not hammer the node.
/// The entry is keyed on the server's and node's stamps, which change on every edit of either, so a
/// cached answer never outlives a node or server change (even one made by another process).
/// </summary>
internal sealed class PreflightCache(PanelOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, Entry> entries = new();
    private readonly ConcurrentDictionary<(Guid Server, Guid ServerStamp, int NodeId, Guid NodeStamp), Lazy<Task<PreflightResult>>> inflight = new();

    /// <summary>
    /// Runs <paramref name="call"/> once per server (and stamps) however many requests miss the cache at the
    /// same moment: a reconnect storm makes one preflight, not one per client. The call itself must not
    /// depend on one request's cancellation (it is bounded by its own timeout); each waiter stops on its own.
    /// A successful answer is remembered here.
    /// </summary>
    public async Task<PreflightResult> RunOnceAsync(Guid serverUuid, Guid serverStamp, int nodeId, Guid nodeStamp, Func<Task<PreflightResult>> call, CancellationToken ct)
    {
        var key = (serverUuid, serverStamp, nodeId, nodeStamp);
        var shared = inflight.GetOrAdd(key, _ => new Lazy<Task<PreflightResult>>(async () =>
        {
            var result = await call();
            if (result.Outcome == PreflightOutcome.Ready)
            {
                // Remembered before the in-flight entry goes, so a request arriving in between finds one or the other.
                Remember(serverUuid, serverStamp, nodeId, nodeStamp);
            }
            return result;
        }));
        try
        {
            return await shared.Value.WaitAsync(ct);
        }
        finally
        {
            inflight.TryRemove(new KeyValuePair<(Guid, Guid, int, Guid), Lazy<Task<PreflightResult>>>(key, shared));
        }
    }

    public bool IsFresh(Guid serverUuid, Guid serverStamp, int nodeId, Guid nodeStamp) =>
        entries.TryGetValue(serverUuid, out var e)
        && e.ServerStamp == serverStamp && e.NodeId == nodeId && e.NodeStamp == nodeStamp
        && e.Expires > time.GetUtcNow();

    public void Remember(Guid serverUuid, Guid serverStamp, int nodeId, Guid nodeStamp)
    {
        if (options.PreflightCacheDuration <= TimeSpan.Zero)
        {
            return;
        }
        var now = time.GetUtcNow();
        entries[serverUuid] = new Entry(serverStamp, nodeId, nodeStamp, now + options.PreflightCacheDuration);
        if (entries.Count > 10_000)
        {
            foreach (var (key, e) in entries)
            {
                if (e.Expires <= now)
                {
                    entries.TryRemove(key, out _);
                }
            }
        }
    }

    public void Forget(Guid serverUuid) => entries.TryRemove(serverUuid, out _);

    private sealed record Entry(Guid ServerStamp, int NodeId, Guid NodeStamp, DateTimeOffset Expires);
}
