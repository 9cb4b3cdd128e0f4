namespace Aerie.Panel.Auth;

/// <summary>
/// Back-off on failed logins and two-factor codes, with three counters per attempt:
/// (account, client IP) — strict (<see cref="PanelOptions.LoginFailuresPerAccount"/>), so an attacker at one address
/// is stopped after a few guesses; the account from every address — looser
/// (<see cref="PanelOptions.LoginFailuresPerAccountAnyIp"/>), bounding a distributed attack while the owner, at another
/// address, still gets in while one attacker is locked; and the client IP across accounts
/// (<see cref="PanelOptions.LoginFailuresPerIp"/>). After N attempts inside the window a counter locks, and every
/// further attempt after the lock doubles it (capped at an hour).
/// <para>
/// An attempt is counted by <see cref="TryBegin"/>, atomically and before the password is checked, so parallel
/// wrong logins cannot slip past the threshold while their hashes run; a success gives the attempt back.
/// In memory on purpose: a restart forgets, which costs an attacker nothing they could not get by waiting.
/// </para>
/// </summary>
internal sealed class LoginThrottle(PanelOptions options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxLock = TimeSpan.FromHours(1);
    private const int MaxEntries = 100_000;

    // One lock over all counters: login is a cold path, and the three counters must move together.
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Counts an attempt on <paramref name="account"/> from <paramref name="ip"/>: null when it may go ahead, else the seconds to wait (not counted).</summary>
    public int? TryBegin(string account, string ip)
    {
        var now = time.GetUtcNow();
        var keys = Keys(account, ip);
        lock (gate)
        {
            var wait = 0;
            foreach (var (key, _) in keys)
            {
                wait = Math.Max(wait, Remaining(Current(key, now), now));
            }
            if (wait > 0)
            {
                return wait;
            }
            foreach (var (key, threshold) in keys)
            {
                Count(Current(key, now), threshold, now);
            }
            Sweep(now);
            return null;
        }
    }

    /// <summary>The attempt(s) proved the user: the (account, IP) counter is cleared and the others get <paramref name="attempts"/> back.</summary>
    public void Succeeded(string account, string ip, int attempts = 1)
    {
        var keys = Keys(account, ip);
        lock (gate)
        {
            entries.Remove(keys[0].Key);
            foreach (var (key, threshold) in keys.AsSpan(1))
            {
                if (entries.TryGetValue(key, out var e))
                {
                    e.Count = Math.Max(0, e.Count - attempts);
                    if (e.Count < threshold)
                    {
                        // Only an attempt just given back could have set this lock.
                        e.LockedUntil = DateTimeOffset.MinValue;
                    }
                }
            }
        }
    }

    private (string Key, int Threshold)[] Keys(string account, string ip)
    {
        var a = account.Trim().ToLowerInvariant();
        return [("p:" + a + "|" + ip, options.LoginFailuresPerAccount), ("a:" + a, options.LoginFailuresPerAccountAnyIp), ("i:" + ip, options.LoginFailuresPerIp)];
    }

    private Entry Current(string key, DateTimeOffset now)
    {
        if (!entries.TryGetValue(key, out var e) || (now - e.FirstAttempt > Window && e.LockedUntil < now))
        {
            e = new Entry { FirstAttempt = now };
            entries[key] = e;
        }
        return e;
    }

    private static int Remaining(Entry e, DateTimeOffset now) =>
        e.LockedUntil > now ? (int)Math.Ceiling((e.LockedUntil - now).TotalSeconds) : 0;

    private void Count(Entry e, int threshold, DateTimeOffset now)
    {
        e.Count++;
        if (e.Count >= threshold)
        {
            var factor = Math.Pow(2, Math.Min(e.Count - threshold, 12));
            e.LockedUntil = now + TimeSpan.FromTicks((long)Math.Min(options.LoginLockout.Ticks * factor, MaxLock.Ticks));
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        if (entries.Count <= MaxEntries)
        {
            return;
        }
        foreach (var (key, e) in entries)
        {
            if (now - e.FirstAttempt > Window && e.LockedUntil < now)
            {
                entries.Remove(key);
            }
        }
    }

    private sealed class Entry
    {
        public int Count { get; set; }
        public DateTimeOffset FirstAttempt { get; set; }
        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
