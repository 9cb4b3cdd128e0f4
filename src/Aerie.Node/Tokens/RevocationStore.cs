using System.Text.Json;
using Aerie.Node.Configuration;
using Aerie.Node.Storage;

namespace Aerie.Node.Tokens;

/// <summary>Denied jtis and deauthorized users, each with the time (unix s) of the call: tokens issued at or
/// before it are refused. Persisted to <c>&lt;data&gt;/.aerie/revocations.json</c> so it survives restarts
/// (beyond Wings). Entries older than the max token lifetime can no longer match a live token and are pruned.</summary>
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

    public void DenyJtis(IEnumerable<string> jtis)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        lock (gate)
        {
            foreach (var jti in jtis)
            {
                state.Jtis[jti] = now;
            }
            Save();
        }
    }

    public void DeauthorizeUser(string user, IReadOnlyList<string> servers)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        lock (gate)
        {
            foreach (var server in servers.Count == 0 ? [AllServers] : servers)
            {
                state.Users[Key(user, server)] = now;
            }
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
            if (token.UserUuid is null)
            {
                return false;
            }
            return (state.Users.TryGetValue(Key(token.UserUuid, token.ServerUuid), out at) && token.IssuedAt <= at)
                || (state.Users.TryGetValue(Key(token.UserUuid, AllServers), out at) && token.IssuedAt <= at);
        }
    }

    private static string Key(string user, string server) => user.ToLowerInvariant() + "|" + server.ToLowerInvariant();

    private void Save()
    {
        var horizon = time.GetUtcNow().ToUnixTimeSeconds() - (long)config.Tokens.MaxLifetime - 1;
        Prune(state.Jtis, horizon);
        Prune(state.Users, horizon);
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
    }
}
