using System.Collections.Concurrent;

namespace Aerie.Panel.Auth;

/// <summary>
/// Back-off on failed logins, per account and per client IP: after N failures inside the window the key
/// is locked, and every further failure doubles the lock (capped at an hour). In memory on purpose:
/// a restart forgets, which costs an attacker nothing they could not get by waiting.
/// </summary>
internal sealed class LoginThrottle(PanelOptions options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxLock = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Seconds until the login may be tried again, or null when allowed.</summary>
    public int? RetryAfter(string account, string ip)
    {
        var now = time.GetUtcNow();
        var wait = Math.Max(Remaining(AccountKey(account), now), Remaining(IpKey(ip), now));
        return wait > 0 ? wait : null;
    }

    public void Failed(string account, string ip)
    {
        Bump(AccountKey(account), options.LoginFailuresPerAccount);
        Bump(IpKey(ip), options.LoginFailuresPerIp);
    }

    public void Succeeded(string account) => entries.TryRemove(AccountKey(account), out _);

    private static string AccountKey(string account) => "a:" + account.Trim().ToLowerInvariant();

    private static string IpKey(string ip) => "i:" + ip;

    private int Remaining(string key, DateTimeOffset now) =>
        entries.TryGetValue(key, out var e) && e.LockedUntil > now ? (int)Math.Ceiling((e.LockedUntil - now).TotalSeconds) : 0;

    private void Bump(string key, int threshold)
    {
        var now = time.GetUtcNow();
        entries.AddOrUpdate(key, _ => Next(new Entry(0, now, DateTimeOffset.MinValue), threshold, now), (_, e) => Next(e, threshold, now));
        if (entries.Count > 100_000)
        {
            foreach (var (k, e) in entries)
            {
                if (now - e.FirstFailure > Window && e.LockedUntil < now)
                {
                    entries.TryRemove(k, out _);
                }
            }
        }
    }

    private Entry Next(Entry e, int threshold, DateTimeOffset now)
    {
        if (now - e.FirstFailure > Window && e.LockedUntil < now)
        {
            e = new Entry(0, now, DateTimeOffset.MinValue);
        }
        var count = e.Count + 1;
        if (count < threshold)
        {
            return e with { Count = count };
        }
        var factor = Math.Pow(2, Math.Min(count - threshold, 12));
        var lockFor = TimeSpan.FromTicks((long)Math.Min(options.LoginLockout.Ticks * factor, MaxLock.Ticks));
        return new Entry(count, e.FirstFailure, now + lockFor);
    }

    private sealed record Entry(int Count, DateTimeOffset FirstFailure, DateTimeOffset LockedUntil);
}
