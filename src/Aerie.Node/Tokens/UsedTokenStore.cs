using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aerie.Node.Configuration;
using Aerie.Node.Storage;

namespace Aerie.Node.Tokens;

/// <summary>The <c>unique_id</c>s of signed-URL tokens already used (spec 06 §6 step 4), each kept until its token's
/// <c>exp</c> in <c>&lt;data&gt;/.aerie/used-signed-urls.json</c>, flushed to disk before the use is granted: a
/// restarted node still refuses a replay (beyond Wings, which keeps them in memory and refuses every token minted
/// before it booted instead). Ids are stored as SHA-256 hashes, so a caller-chosen id cannot bloat the file.</summary>
internal sealed class UsedTokenStore
{
    private readonly Lock gate = new();
    private readonly string path;
    private readonly TimeProvider time;
    private readonly Dictionary<string, long> used;

    public UsedTokenStore(NodeConfig config, TimeProvider time)
    {
        this.time = time;
        path = Path.Combine(NodePaths.StateDirectory(config), "used-signed-urls.json");
        used = Load(path);
    }

    /// <summary>True the first time <paramref name="uniqueId"/> is seen before <paramref name="expiresAt"/> (unix s);
    /// false for every later use.</summary>
    public bool TryUse(string uniqueId, long expiresAt)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uniqueId)));
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        lock (gate)
        {
            foreach (var stale in used.Where(p => p.Value <= now).Select(p => p.Key).ToList())
            {
                used.Remove(stale);
            }
            if (!used.TryAdd(key, expiresAt))
            {
                return false;
            }
            Save();
            return true;
        }
    }

    private void Save()
    {
        PrivateFiles.CreateFolder(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        using (var stream = PrivateFiles.OpenWrite(temp, FileMode.Create))
        {
            JsonSerializer.Serialize(stream, used);
            // Durable before the token is honoured: a crash right after must not make it usable again.
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    private static Dictionary<string, long> Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, long>>(File.ReadAllText(path)) ?? [] : [];
        }
        catch (JsonException)
        {
            // A corrupt file must not stop the daemon; the lifetime cap bounds what a replay could still reach.
            return [];
        }
    }
}
