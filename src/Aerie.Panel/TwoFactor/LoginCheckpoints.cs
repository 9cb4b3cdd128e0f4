using System.Collections.Concurrent;
using Aerie.Panel.Auth;

namespace Aerie.Panel.TwoFactor;

/// <summary>
/// Logins whose password was right and that wait for a second factor. A confirmation token lives
/// <see cref="Lifetime"/> and is used once: any checkpoint attempt, right or wrong, consumes it, so each
/// guessed code costs the attacker the password step again (and a throttle attempt). In memory: a restart
/// only sends those users back to the password step.
/// </summary>
internal sealed class LoginCheckpoints(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const int MaxPending = 10_000;

    private readonly ConcurrentDictionary<string, Pending> pending = new(StringComparer.Ordinal);

    public string Issue(int userId)
    {
        var now = time.GetUtcNow();
        if (pending.Count >= MaxPending)
        {
            foreach (var (key, p) in pending)
            {
                if (p.ExpiresAt <= now)
                {
                    pending.TryRemove(key, out _);
                }
            }
        }
        var token = Secrets.Random(48);
        pending[Secrets.Sha256Hex(token)] = new Pending(userId, now + Lifetime);
        return token;
    }

    /// <summary>The user the token was issued for, once; null when unknown, used or expired.</summary>
    public int? Take(string? token)
    {
        if (token is not { Length: > 0 and <= 128 } || !pending.TryRemove(Secrets.Sha256Hex(token), out var p))
        {
            return null;
        }
        return p.ExpiresAt > time.GetUtcNow() ? p.UserId : null;
    }

    private sealed record Pending(int UserId, DateTimeOffset ExpiresAt);
}
