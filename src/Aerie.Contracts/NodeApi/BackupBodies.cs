using System.Text.Json.Serialization;

namespace Aerie.Contracts.NodeApi;

/// <summary>POST /api/servers/{uuid}/backup (spec 07 §2). <see cref="Ignore"/>: newline-separated gitignore patterns.</summary>
public sealed record BackupRequest(
    [property: JsonPropertyName("adapter")] string? Adapter,
    [property: JsonPropertyName("uuid")] string? Uuid,
    [property: JsonPropertyName("ignore")] string? Ignore = null);

/// <summary>POST /api/servers/{uuid}/backup/{backup}/restore (spec 07 §2).</summary>
public sealed record RestoreRequest(
    [property: JsonPropertyName("adapter")] string? Adapter,
    [property: JsonPropertyName("truncate_directory")] bool TruncateDirectory = false,
    [property: JsonPropertyName("download_url")] string? DownloadUrl = null);

/// <summary>Adapter names of spec 07 §1 (<c>disk</c>).</summary>
public static class BackupAdapters
{
    public const string Local = "wings";
    public const string S3 = "s3";
}

/// <summary>Backup error texts of spec 07 §2/§5, exact (the panel and clients match them).</summary>
public static class BackupErrors
{
    public const string InvalidUuid = "The backup identifier must be a valid UUID.";
    public const string NotFound = "The requested backup was not found on this server.";
    public const string Busy = "another backup or restore is already running for this server";
    public const string DownloadUrlRequired = "The download_url field is required when the backup adapter is set to S3.";
    public const string S3NotSupported = "the s3 backup adapter is not supported on this node yet";

    public static string InvalidAdapter(string? adapter) => "provided adapter is not valid: " + adapter;
}
