using System.Collections.Concurrent;
using System.Net;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;

namespace Aerie.Panel.Credentials;

/// <summary>
/// The credentials endpoint's memory of callers (a key or session cookie → its <see cref="Caller"/>) and of servers
/// (user + <c>{server}</c> → the server, its node and the user's effective permissions), so a reconnect storm costs
/// one tiny read per request instead of three lookups. Everything belongs to one <see cref="Generation"/>, named by
/// the <see cref="AccessStamp"/> version the request read first: a request that reads another stamp starts an empty
/// generation. Every write that can take access away raises the stamp in its own statement (database triggers, see
/// <see cref="AccessStamp"/>), whichever process or code path makes it, and no node is told of a revocation before that
/// commit, so nothing remembered here can serve access after a revocation was sent. Only granted access is
/// remembered (a refusal is looked up again), each entry at most <see cref="MaxAge"/> (the key's last-used time is
/// then written again) and never past its key's or session's end; past <see cref="MaxEntries"/> nothing new is kept.
/// Entities held here are shared between requests and read-only: nobody may change or attach them.
/// </summary>
internal sealed class CredentialsSnapshots(TimeProvider time)
{
    public const int MaxEntries = 20_000;
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private Generation current = new(null);

    /// <summary>The generation of <paramref name="stamp"/>: the current one, or a new empty one that replaces it.</summary>
    public Generation At(long? read)
    {
        if (read is not { } stamp)
        {
            return new Generation(null); // this request's alone, never shared
        }
        var known = Volatile.Read(ref current);
        if (known.Stamp == stamp)
        {
            return known;
        }
        var fresh = new Generation(stamp);
        Interlocked.CompareExchange(ref current, fresh, known);
        return fresh;
    }

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>How a request proves who it is, as <see cref="CallerResolver"/> reads it: a bearer key (judged with the
    /// address it comes from, for the key's allow-list) or else the session cookie; null when it presents neither.</summary>
    public static CallerKey? KeyOf(Microsoft.AspNetCore.Http.HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? new CallerKey(true, header["Bearer ".Length..].Trim(), http.Connection.RemoteIpAddress)
                : null;
        }
        return http.Request.Cookies.TryGetValue(AuthCookies.Session, out var token) && !string.IsNullOrEmpty(token)
            ? new CallerKey(false, token, null)
            : null;
    }

    internal readonly record struct CallerKey(bool ViaKey, string Secret, IPAddress? From);

    internal sealed record ServerAccessSnapshot(GameServer Server, IReadOnlyList<string> Permissions);

    internal sealed class Generation(long? stamp)
    {
        private readonly ConcurrentDictionary<CallerKey, (Caller Caller, DateTimeOffset NotAfter)> callers = new();
        private readonly ConcurrentDictionary<(int User, string Server), (ServerAccessSnapshot Access, DateTimeOffset NotAfter)> servers = new();
        private int count;

        public long? Stamp => stamp;

        public Caller? CallerOf(CallerKey key, DateTimeOffset now) =>
            callers.TryGetValue(key, out var e) && now < e.NotAfter ? e.Caller : null;

        public void Remember(CallerKey key, Caller caller, DateTimeOffset now)
        {
            var notAfter = now + MaxAge;
            if (ConsoleGrant.EndOf(caller) is { } end && end < notAfter)
            {
                notAfter = end;
            }
            if (Reserve())
            {
                callers[key] = (caller, notAfter);
            }
        }

        public ServerAccessSnapshot? AccessOf(int userId, string server, DateTimeOffset now) =>
            servers.TryGetValue((userId, server), out var e) && now < e.NotAfter ? e.Access : null;

        public void Remember(int userId, string server, ServerAccessSnapshot access, DateTimeOffset now)
        {
            if (Reserve())
            {
                servers[(userId, server)] = (access, now + MaxAge);
            }
        }

        // A counter of its own: ConcurrentDictionary.Count takes every lock of the table.
        private bool Reserve() => Interlocked.Increment(ref count) <= MaxEntries;
    }
}
