using System.Text.Json.Serialization;

namespace Aerie.Contracts.RemoteApi;

/// <summary>POST /api/remote/backups/{backup} (spec 07 §6): a finished backup. A failure sends empty checksum
/// fields, size 0 and <c>parts: null</c>.</summary>
public sealed record BackupReport(
    [property: JsonPropertyName("successful")] bool Successful,
    [property: JsonPropertyName("checksum")] string Checksum,
    [property: JsonPropertyName("checksum_type")] string ChecksumType,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("parts")] IReadOnlyList<BackupPart>? Parts)
{
    public static BackupReport Failed { get; } = new(false, "", "", 0, null);
}

/// <summary>One uploaded part of an S3 backup (spec 07 §7 step 4).</summary>
public sealed record BackupPart(
    [property: JsonPropertyName("etag")] string Etag,
    [property: JsonPropertyName("part_number")] int PartNumber);

/// <summary>POST /api/remote/backups/{backup}/restore (spec 07 §6).</summary>
public sealed record RestoreReport([property: JsonPropertyName("successful")] bool Successful);

/// <summary>The panel's answer to a report of a backup it already holds as successful: an earlier attempt landed.</summary>
public static class BackupReportAnswers
{
    public const string AlreadyCompleted = "Cannot update the status of a backup that is already marked as completed.";
}

/// <summary>The argument of the `backup completed` socket event (spec 07 §4 step 4), sent as a JSON string.</summary>
public sealed record BackupCompletedPayload(
    [property: JsonPropertyName("checksum")] string Checksum,
    [property: JsonPropertyName("checksum_type")] string ChecksumType,
    [property: JsonPropertyName("file_size")] long FileSize,
    [property: JsonPropertyName("is_successful")] bool IsSuccessful,
    [property: JsonPropertyName("uuid")] string Uuid);
