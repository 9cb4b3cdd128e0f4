using System.Text.Json;
using Aerie.Node.Configuration;
using Aerie.Node.Storage;

namespace Aerie.Node.Tokens;

/// <summary>Denied jtis, deauthorized users and revoked grants (a panel session's or API key's tokens), each with the
/// time (unix s) of the revocation: tokens issued at or before it are refused. That time is the panel's own clock
/// when the call carries it (<c>revoked_at</c>), so it is compared with the panel-minted <c>iat</c> in one clock
/// domain; otherwise (Wings-style callers) the node's clock. Persisted to <c>&lt;data&gt;/.aerie/revocations.json</c>
/// so it survives restarts (beyond Wings). Entries older than the max token lifetime by the node's clock are pruned:
/// a token they match has <c>exp ≤ iat + max lifetime</c>, so the node's own <c>exp</c> check already refuses it.</summary>
internal sealed class RevocationStore
{
    private const string AllServers = "*";
    private readonly Lock gate = new();
    private readonly string path;
    private readonly NodeConfig config;
    private readonly TimeProvider time;
    private readonly long bootTime;
    private RevocationFile state;

    public RevocationStore(NodeConfig config, TimeProvider time)
    {
        this.config = config;
        this.time = time;
        bootTime = time.GetUtcNow().ToUnixTimeSeconds();
        path = Path.Combine(NodePaths.StateDirectory(config), "revocations.json");
        state = Load(path);
    }

    public void DenyJtis(IEnumerable<string> jtis, long? revokedAt = null)
    {
        var at = revokedAt ?? Now;
        lock (gate)
        {
            foreach (var jti in jtis)
            {
                state.Jtis[jti] = Later(state.Jtis, jti, at);
            }
            Save();
        }
    }

    public void DeauthorizeUser(string user, IReadOnlyList<string> servers, long? revokedAt = null)
    {
        var at = revokedAt ?? Now;
        lock (gate)
        {
            foreach (var server in servers.Count == 0 ? [AllServers] : servers)
            {
                var key = Key(user, server);
                state.Users[key] = Later(state.Users, key, at);
            }
            Save();
        }
    }

    /// <summary>Every token minted through <paramref name="grant"/> (a panel session or API key) issued at or before
    /// the revocation is refused; the user's other tokens are untouched.</summary>
    public void RevokeGrant(string grant, long? revokedAt = null)
    {
        var at = revokedAt ?? Now;
        lock (gate)
        {
            state.Grants[grant] = Later(state.Grants, grant, at);
            Save();
        }
    }

    public bool IsRevoked(ConsoleToken token)
    {
        if (config.Tokens.DenyBeforeBoot && token.IssuedAt <= bootTime)
        {
            return true;
        }
        lock (gate)
        {
            if (token.Jti is not null && state.Jtis.TryGetValue(token.Jti, out var at) && token.IssuedAt <= at)
            {
                return true;
            }
            if (token.Grant is not null && state.Grants.TryGetValue(token.Grant, out at) && token.IssuedAt <= at)
            {
                return true;
            }
            if (token.UserUuid is null)
            {
                return false;
            }
            return (state.Users.TryGetValue(Key(token.UserUuid, token.ServerUuid), out at) && token.IssuedAt <= at)
                || (state.Users.TryGetValue(Key(token.UserUuid, AllServers), out at) && token.IssuedAt <= at);
        }
    }

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();

    // A retried or reordered older revocation never shortens a newer one.
    private static long Later(Dictionary<string, long> map, string key, long at) =>
        map.TryGetValue(key, out var existing) && existing > at ? existing : at;

    private static string Key(string user, string server) => user.ToLowerInvariant() + "|" + server.ToLowerInvariant();

    private void Save()
    {
        var horizon = Now - (long)config.Tokens.MaxLifetime - 1;
        Prune(state.Jtis, horizon);
        Prune(state.Users, horizon);
        Prune(state.Grants, horizon);
        PrivateFiles.CreateFolder(Path.GetDirectoryName(path)!);
        PrivateFiles.ReplaceText(path, JsonSerializer.Serialize(state));
    }

    private static void Prune(Dictionary<string, long> map, long horizon)
    {
        foreach (var key in map.Where(p => p.Value < horizon).Select(p => p.Key).ToList())
        {
            map.Remove(key);
        }
    }

    private static RevocationFile Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<RevocationFile>(File.ReadAllText(path)) ?? new() : new();
        }
        catch (JsonException)
        {
            // A corrupt file must not stop the daemon; max token lifetime bounds what is lost.
            return new();
        }
    }

    private sealed class RevocationFile
    {
        public Dictionary<string, long> Jtis { get; set; } = [];
        public Dictionary<string, long> Users { get; set; } = [];

        /// <summary>Absent from files written before grants existed; then empty.</summary>
        public Dictionary<string, long> Grants { get; set; } = [];
    }
}
