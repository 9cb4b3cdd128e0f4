using System.Collections.Concurrent;

namespace Aerie.Panel.ClientServers;

/// <summary><c>files/pull</c>: <see cref="PanelOptions.FilePullsPerWindow"/> per (user, server) per fixed window of
/// <see cref="PanelOptions.FilePullWindow"/> (Pterodactyl's 10 per 5 minutes), since each pull makes the node download.</summary>
internal sealed class FilePullLimiter(PanelOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(Guid User, Guid Server), Counter> counters = new();

    /// <summary>Seconds to wait, or null when the pull may go (and is counted).</summary>
    public int? TryAcquire(Guid user, Guid server)
    {
        var now = time.GetUtcNow();
        var window = options.FilePullWindow;
        var counter = counters.AddOrUpdate((user, server), _ => new Counter(now, 1),
            (_, c) => now - c.Start >= window ? new Counter(now, 1) : c with { Count = c.Count + 1 });
        if (counters.Count > 50_000)
        {
            foreach (var (key, c) in counters.Where(p => now - p.Value.Start >= window))
            {
                counters.TryRemove(key, out _);
            }
        }
        return counter.Count <= options.FilePullsPerWindow ? null : Math.Max(1, (int)Math.Ceiling((counter.Start + window - now).TotalSeconds));
    }

    private sealed record Counter(DateTimeOffset Start, int Count);
}
