namespace Aerie.Panel.Remote;

/// <summary>
/// Failed SFTP logins per (lower-case username, SSH client's IP host), <see cref="MaxFailures"/> per minute (spec 06
/// §7 step 2). Pterodactyl keys its throttle on the node's address, so one attacker locks every user of a server out;
/// keyed on the client's address from the body, an attacker locks only their own guesses at one name. In memory: a
/// restart forgets, which gains an attacker no more than waiting a minute.
/// </summary>
internal sealed class SftpAuthThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    private const int MaxKeys = 100_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> failures = new(StringComparer.Ordinal);

    public static string Key(string username, string ipHost) => username.ToLowerInvariant() + "|" + ipHost.ToLowerInvariant();

    /// <summary>Seconds until the key may try again, or null when it may now.</summary>
    public int? SecondsLocked(string key)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!failures.TryGetValue(key, out var list) || Trim(list, now) < MaxFailures)
            {
                return null;
            }
            // Free again when the oldest failure of the window ages out.
            return Math.Max(1, (int)Math.Ceiling((list.Peek() + Window - now).TotalSeconds));
        }
    }

    public void Failed(string key)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!failures.TryGetValue(key, out var list))
            {
                if (failures.Count >= MaxKeys)
                {
                    Sweep(now);
                }
                failures[key] = list = new Queue<DateTimeOffset>();
            }
            Trim(list, now);
            list.Enqueue(now);
        }
    }

    public void Succeeded(string key)
    {
        lock (gate)
        {
            failures.Remove(key);
        }
    }

    private static int Trim(Queue<DateTimeOffset> list, DateTimeOffset now)
    {
        while (list.Count > 0 && list.Peek() + Window <= now)
        {
            list.Dequeue();
        }
        return list.Count;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var key in failures.Where(p => Trim(p.Value, now) == 0).Select(p => p.Key).ToList())
        {
            failures.Remove(key);
        }
    }
}
