using Aerie.Contracts.NodeApi;
using Aerie.Node.Configuration;
using Aerie.Node.Storage;

namespace Aerie.Node.Backups;

/// <summary>The <c>wings</c> adapter (spec 07 §3): archives under <c>system.backup_directory</c>, with their sidecar;
/// a restore reads the archive it finds (per-server or legacy flat path) after checking its SHA-1 against the sidecar.</summary>
internal sealed class LocalBackupAdapter(NodeConfig config, TimeProvider time) : IBackupAdapter
{
    public string Name => BackupAdapters.Local;

    public string? Unsupported => null;

    private long BytesPerSecond => config.System.Backups.WriteLimit * 1024 * 1024;

    private int GzipLevel => config.System.Backups.CompressionLevel switch
    {
        "none" => 0,
        "best_compression" => 9,
        _ => 1,
    };

    public async Task<ArchiveResult> CreateAsync(string server, string root, string backup, Func<string, bool, bool> excluded, CancellationToken ct)
    {
        Directory.CreateDirectory(BackupPaths.Root(config));
        PrivateFiles.CreateFolder(BackupPaths.ServerFolder(config, server));
        var archive = BackupPaths.Archive(config, server, backup);
        var result = await new ArchiveWriter(root, excluded, GzipLevel, BytesPerSecond, time).WriteAsync(archive, ct);
        new BackupSidecar(result.Sha1, result.Sha256, result.Size, time.GetUtcNow()).Write(archive);
        return result;
    }

    public async Task<Stream> OpenVerifiedAsync(string server, string backup, string? downloadUrl, CancellationToken ct)
    {
        var archive = BackupPaths.Find(config, server, backup) ?? throw new BackupException(BackupErrors.NotFound);
        // A Wings-era archive has no sidecar: nothing recorded to check it against.
        if (BackupSidecar.Read(archive) is { } sidecar)
        {
            var actual = await ArchiveWriter.DigestAsync(archive, ct);
            if (!string.Equals(actual.Sha1, sidecar.Sha1, StringComparison.Ordinal) || actual.Size != sidecar.Size)
            {
                throw new BackupException($"the backup archive does not match its checksum (sha1 {actual.Sha1}, expected {sidecar.Sha1}); nothing was restored");
            }
        }
        var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return new ThrottledStream(file, BytesPerSecond, time);
    }
}
