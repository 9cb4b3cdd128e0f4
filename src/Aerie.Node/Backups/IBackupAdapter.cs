namespace Aerie.Node.Backups;

/// <summary>Where archives go and come from (spec 07 §3, §7): <c>wings</c> (this node's disk, <see cref="LocalBackupAdapter"/>)
/// or <c>s3</c> (<see cref="S3BackupAdapter"/>, not supported on this node yet). The node API speaks to this seam only.</summary>
internal interface IBackupAdapter
{
    /// <summary>The adapter's wire name (<c>adapter</c> of the node API).</summary>
    string Name { get; }

    /// <summary>Why this node cannot use the adapter at all; null when it can.</summary>
    string? Unsupported { get; }

    /// <summary>Writes the server root (less <paramref name="excluded"/>) as the backup's archive.</summary>
    Task<ArchiveResult> CreateAsync(string server, string root, string backup, Func<string, bool, bool> excluded, CancellationToken ct);

    /// <summary>The archive to restore, its checksum verified before anything reads it as entries; throws
    /// <see cref="BackupException"/> (e.g. on a checksum mismatch) before any server file is touched.</summary>
    Task<Stream> OpenVerifiedAsync(string server, string backup, string? downloadUrl, CancellationToken ct);
}
