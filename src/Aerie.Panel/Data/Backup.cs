namespace Aerie.Panel.Data;

/// <summary>
/// A server's backup record (spec 07 §1). Pending while <see cref="CompletedAt"/> is null; then successful or failed.
/// Deleted rows stay (soft delete, <see cref="DeletedAt"/>) because the creation throttle counts them (§8).
/// </summary>
internal sealed class Backup
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public int ServerId { get; set; }
    public GameServer? Server { get; set; }
    public required string Name { get; set; }

    /// <summary>The ignore patterns, a JSON array of strings.</summary>
    public string IgnoredFilesJson { get; set; } = "[]";

    /// <summary><c>wings</c> (node-local) or <c>s3</c>.</summary>
    public string Disk { get; set; } = "wings";
    public bool IsSuccessful { get; set; }
    public bool IsLocked { get; set; }

    /// <summary><c>sha1:&lt;hex&gt;</c>; null until a successful report.</summary>
    public string? Checksum { get; set; }
    public long Bytes { get; set; }

    /// <summary>The S3 multipart upload (later, §7).</summary>
    public string? UploadId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}
