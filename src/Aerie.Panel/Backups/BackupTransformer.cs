using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;

namespace Aerie.Panel.Backups;

/// <summary>The client API's <c>backup</c> object (spec 04 §2.1).</summary>
internal sealed class BackupTransformer : Transformer<Backup>
{
    public static readonly BackupTransformer Instance = new();

    public override string ObjectName => "backup";

    public static IReadOnlyList<string> IgnoredFiles(Backup b) => JsonSerializer.Deserialize<List<string>>(b.IgnoredFilesJson) ?? [];

    protected override JsonObject Attributes(Backup b) => new()
    {
        ["uuid"] = b.Uuid.ToString(),
        ["is_successful"] = b.IsSuccessful,
        ["is_locked"] = b.IsLocked,
        ["name"] = b.Name,
        ["ignored_files"] = new JsonArray([.. IgnoredFiles(b).Select(f => (JsonNode?)f)]),
        ["checksum"] = b.Checksum,
        ["bytes"] = b.Bytes,
        ["created_at"] = ApiTime.Format(b.CreatedAt),
        ["completed_at"] = ApiTime.Format(b.CompletedAt),
    };
}
