using System.Collections.Concurrent;

namespace Aerie.Node.Backups;

/// <summary>One backup or restore per server at a time (spec 07 §2, beyond Wings, which runs them concurrently on the same files).</summary>
internal sealed class BackupLocks
{
    private readonly ConcurrentDictionary<string, byte> held = new(StringComparer.Ordinal);

    public bool TryTake(string server) => held.TryAdd(server, 0);

    public bool IsHeld(string server) => held.ContainsKey(server);

    public void Release(string server) => held.TryRemove(server, out _);
}
