using System.Text.Json.Serialization;

namespace Aerie.Panel.Backups;

/// <summary>Body of the node's <c>POST /api/servers/{uuid}/backup</c> (spec 07 §2); <c>ignore</c> is newline-joined patterns.</summary>
internal sealed record NodeBackupRequest(
    [property: JsonPropertyName("adapter")] string Adapter,
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("ignore")] string Ignore);

/// <summary>Body of the node's <c>POST …/backup/{backup}/restore</c>; <c>download_url</c> is empty for local backups.</summary>
internal sealed record NodeRestoreRequest(
    [property: JsonPropertyName("adapter")] string Adapter,
    [property: JsonPropertyName("truncate_directory")] bool TruncateDirectory,
    [property: JsonPropertyName("download_url")] string DownloadUrl);
