using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Aerie.Node.Files;
using Aerie.Node.Storage;
using Microsoft.Win32.SafeHandles;

namespace Aerie.Node.Backups;

/// <summary>
/// Writes a server root as tar in gzip (spec 07 §3): paths relative to the root; regular files with mode and mtime;
/// symlinks as symlinks (target text kept, never followed); directories as entries, so empty ones survive (beyond
/// Wings); sockets, fifos and devices skipped; whatever <paramref name="excluded"/> matches left out (a matched folder
/// with its whole subtree). Files are opened <c>O_NOFOLLOW</c>, so a file swapped for a link while the walk runs is
/// skipped, not followed out of the root. Written to <c>&lt;archive&gt;.partial</c> (0600), renamed when complete.
/// </summary>
internal sealed class ArchiveWriter(string root, Func<string, bool, bool> excluded, int gzipLevel, long bytesPerSecond, TimeProvider time)
{
    private const int ENXIO = 6;

    // The end of an empty tar: two zero records. TarWriter writes them only after an entry, and GZipStream writes
    // nothing at all for no input, so an empty server would otherwise give a 0-byte file no reader takes as a backup.
    private static readonly byte[] EmptyTar = new byte[1024];
    private int entries;

    public async Task<ArchiveResult> WriteAsync(string archive, CancellationToken ct)
    {
        var partial = archive + ".partial";
        try
        {
            await using (var file = PrivateFiles.OpenWrite(partial, FileMode.Create))
            await using (var throttled = new ThrottledStream(file, bytesPerSecond, time))
            await using (var gzip = new GZipStream(throttled, new ZLibCompressionOptions { CompressionLevel = gzipLevel }))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
            {
                await WalkAsync(tar, Path.GetFullPath(root), "", ct);
                if (entries == 0)
                {
                    await gzip.WriteAsync(EmptyTar, ct);
                }
            }
            File.Move(partial, archive, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        return await DigestAsync(archive, ct);
    }

    /// <summary>SHA-1 (the panel's checksum) and SHA-256 (the sidecar's) of a file, in one read.</summary>
    public static async Task<ArchiveResult> DigestAsync(string path, CancellationToken ct)
    {
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long size = 0;
        int n;
        while ((n = await file.ReadAsync(buffer, ct)) > 0)
        {
            sha1.AppendData(buffer, 0, n);
            sha256.AppendData(buffer, 0, n);
            size += n;
        }
        return new ArchiveResult(Convert.ToHexStringLower(sha1.GetHashAndReset()), Convert.ToHexStringLower(sha256.GetHashAndReset()), size);
    }

    private async Task WalkAsync(TarWriter tar, string folder, string relative, CancellationToken ct)
    {
        IEnumerable<FileSystemInfo> children;
        try
        {
            children = new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return; // removed while the walk ran
        }
        foreach (var child in children)
        {
            ct.ThrowIfCancellationRequested();
            var path = relative.Length == 0 ? child.Name : relative + "/" + child.Name;
            if (child.LinkTarget is { } target)
            {
                if (!excluded(path, false))
                {
                    await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, path) { LinkName = target, ModificationTime = child.LastWriteTimeUtc }, ct);
                    entries++;
                }
            }
            else if (child is DirectoryInfo dir)
            {
                if (excluded(path, true))
                {
                    continue;
                }
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, path + "/")
                {
                    Mode = dir.UnixFileMode,
                    ModificationTime = dir.LastWriteTimeUtc,
                }, ct);
                entries++;
                await WalkAsync(tar, dir.FullName, path, ct);
            }
            else if (!excluded(path, false) && await WriteFileAsync(tar, child.FullName, path, ct))
            {
                entries++;
            }
        }
    }

    /// <returns>whether an entry was written</returns>
    private static async Task<bool> WriteFileAsync(TarWriter tar, string full, string path, CancellationToken ct)
    {
        var fd = NativeFiles.OpenAt(NativeFiles.AtFdCwd, full, NativeFiles.ReadOnly | NativeFiles.NoFollow | NativeFiles.CloseOnExec | NativeFiles.NonBlock, 0);
        if (fd < 0)
        {
            var errno = NativeFiles.LastError;
            if (errno is NativeFiles.ENOENT or NativeFiles.ELOOP or ENXIO)
            {
                return false; // gone, turned into a link, or a socket: nothing to keep
            }
            throw new IOException($"{path}: {NativeFiles.Describe(errno)}");
        }
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        await using var stream = new FileStream(handle, FileAccess.Read);
        if (!stream.CanSeek)
        {
            return false; // a fifo (or device): not a file a server keeps
        }
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, path)
        {
            Mode = OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(handle),
            ModificationTime = File.GetLastWriteTimeUtc(handle),
            DataStream = stream,
        }, ct);
        return true;
    }
}
