using System.Text.Json;
using System.Text.Json.Serialization;
using Aerie.Node.Storage;

namespace Aerie.Node.Backups;

/// <summary><c>&lt;backup&gt;.json</c> beside an archive (spec 07 §3, beyond Wings): what a restore verifies before touching files.</summary>
internal sealed record BackupSidecar(
    [property: JsonPropertyName("sha1")] string Sha1,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    public void Write(string archive) => PrivateFiles.ReplaceText(BackupPaths.Sidecar(archive), JsonSerializer.Serialize(this));

    /// <summary>The sidecar of <paramref name="archive"/>; null when missing or unreadable (a Wings-era archive has none).</summary>
    public static BackupSidecar? Read(string archive)
    {
        try
        {
            return JsonSerializer.Deserialize<BackupSidecar>(File.ReadAllText(BackupPaths.Sidecar(archive)));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
