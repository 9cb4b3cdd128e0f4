using Aerie.Contracts.NodeApi;

namespace Aerie.Node.Backups;

/// <summary>The <c>s3</c> adapter's place (spec 07 §7): the request shapes are checked, then refused with
/// <see cref="BackupErrors.S3NotSupported"/> until multipart upload and checked downloads are built.</summary>
internal sealed class S3BackupAdapter : IBackupAdapter
{
    public string Name => BackupAdapters.S3;

    public string? Unsupported => BackupErrors.S3NotSupported;

    public Task<ArchiveResult> CreateAsync(string server, string root, string backup, Func<string, bool, bool> excluded, CancellationToken ct) =>
        throw new BackupException(BackupErrors.S3NotSupported);

    public Task<Stream> OpenVerifiedAsync(string server, string backup, string? downloadUrl, CancellationToken ct) =>
        throw new BackupException(BackupErrors.S3NotSupported);
}
