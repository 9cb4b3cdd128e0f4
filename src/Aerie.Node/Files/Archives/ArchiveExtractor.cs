using Microsoft.Extensions.Logging;

namespace Aerie.Node.Files.Archives;

/// <summary>
/// <c>decompress</c> (spec 06 §3) into a server's files. Steps:
/// 1. open the archive through the confined file system (denylist, links, not-found as for any read) and detect its
///    format by content, then name;
/// 2. a first pass over the entries joins each to <c>root</c> (a name that climbs out refuses the whole archive
///    before anything is written: zip-slip) and sums the file sizes against the quota;
/// 3. a second pass writes directories (empty ones too) and files through the one quota-checked writer with the
///    entry's permission bits and mtime; denylisted entries and links, devices and FIFOs are skipped and counted;
/// 4. directory modes are applied last, so a read-only folder of the archive does not refuse its own files.
/// On any failure (quota, a bad entry, a corrupt stream) everything this extraction created is removed again.
/// Why tracking rather than a staging folder: the writer already makes each file appear whole or not at all (a
/// temporary file renamed into place), so what remains to undo is only the entries that did not exist before; a
/// staging folder would need a second, non-atomic pass of renames merging into folders that already exist, and would
/// lose the writer's "existing files keep their mode" rule. An existing file the archive replaced stays replaced (whole).
/// </summary>
internal sealed class ArchiveExtractor(ServerFileSystem files, string serverUuid, ILogger logger)
{
    public async Task ExtractAsync(string root, string file, CancellationToken ct)
    {
        var rootParts = ConfinedPath.Parse(root);
        var archiveParts = ConfinedPath.Parse(ConfinedPath.Join(rootParts) + "/" + file);
        var archivePath = ConfinedPath.Join(archiveParts);
        using var opened = files.OpenRead(archivePath);
        await using var stream = new FileStream(opened.Handle, FileAccess.Read, 1, isAsync: false);
        var format = ArchiveDetector.Detect(stream, archivePath) ?? throw new ArchiveFormatException($"{archivePath}: not an archive");
        // A lone compressed file is written next to the archive; archive entries are joined to root.
        var baseParts = format is ArchiveFormat.Gzip or ArchiveFormat.Bzip2 or ArchiveFormat.Xz or ArchiveFormat.Zstd
            ? archiveParts[..^1] : rootParts;

        PreCheck(stream, format, archivePath, baseParts);
        stream.Position = 0;

        var created = new CreatedEntries(files);
        var counts = new Counts();
        var directoryModes = new List<(string Path, int Mode)>();
        try
        {
            foreach (var item in Read(stream, format, archivePath))
            {
                ct.ThrowIfCancellationRequested();
                var target = Target(baseParts, item.Path);
                if (target.Count == 0)
                {
                    continue; // "./" itself
                }
                var path = ConfinedPath.Join(target);
                switch (item.Kind)
                {
                    case ArchiveItemKind.Directory when files.Denylist.Denies(path, isDirectory: true):
                    case ArchiveItemKind.File when files.Denylist.Denies(path, isDirectory: false):
                        counts.Denied++;
                        break;
                    case ArchiveItemKind.Directory:
                        created.Before(target, includeLast: true);
                        files.CreateDirectory(path);
                        if (item.Mode is { } dirMode)
                        {
                            directoryModes.Add((path, dirMode));
                        }
                        counts.Directories++;
                        break;
                    case ArchiveItemKind.File:
                        created.Before(target, includeLast: true);
                        await using (var content = item.Open())
                        {
                            await files.WriteAsync(path, content, item.Size > 0 ? item.Size : null,
                                new FileWriteOptions(item.Mode is { } m ? (uint)m : null, item.Modified), ct);
                        }
                        counts.Files++;
                        break;
                    case ArchiveItemKind.Symlink or ArchiveItemKind.Hardlink:
                        counts.Links++;
                        break;
                    default:
                        counts.Special++;
                        break;
                }
            }
            foreach (var (path, mode) in directoryModes)
            {
                files.Chmod(path, (uint)mode);
            }
        }
        catch (Exception e)
        {
            var removed = created.Remove();
            ArchiveLog.RolledBack(logger, serverUuid, archivePath, e.Message, removed);
            throw;
        }
        ArchiveLog.Extracted(logger, serverUuid, archivePath, counts.Files, counts.Directories, counts.Links, counts.Special, counts.Denied);
    }

    /// <summary>Pass 1: every name stays inside, and the files fit the quota (stopping as soon as they do not, so a
    /// bomb is not decompressed to the end just to be refused).</summary>
    private void PreCheck(Stream stream, ArchiveFormat format, string archivePath, List<string> baseParts)
    {
        long total = 0;
        foreach (var item in Read(stream, format, archivePath))
        {
            _ = Target(baseParts, item.Path);
            if (item.Kind == ArchiveItemKind.File)
            {
                total += Math.Max(0, item.Size);
                if (!files.Quota.Fits(total))
                {
                    throw new ConfinedFileException(FileProblem.QuotaExceeded, $"{archivePath}: its files are larger than the disk space left");
                }
            }
        }
    }

    /// <summary>The entries, with a damaged or unreadable archive reported as an unknown format.</summary>
    private static IEnumerable<ArchiveItem> Read(Stream stream, ArchiveFormat format, string archivePath)
    {
        using var items = ArchiveReader.Read(stream, format, archivePath).GetEnumerator();
        while (true)
        {
            try
            {
                if (!items.MoveNext())
                {
                    yield break;
                }
            }
            catch (Exception e) when (e is InvalidDataException or SharpCompress.Common.SharpCompressException or FormatException
                or EndOfStreamException or NotSupportedException or ArgumentException)
            {
                throw new ArchiveFormatException($"{archivePath}: {e.Message}", e);
            }
            yield return items.Current;
        }
    }

    /// <summary>The entry's path joined to the base folder; one that climbs out of the server root is refused.</summary>
    private static List<string> Target(List<string> baseParts, string entryPath)
    {
        // Windows zips may use '\'; a leading '/' is relative to root like any body path.
        var joined = ConfinedPath.Normalize(baseParts, entryPath.Replace('\\', '/').Split('/'))
            ?? throw new ConfinedFileException(FileProblem.OutsideRoot, $"archive entry {entryPath}: leaves the server folder");
        return ConfinedPath.Parse(ConfinedPath.Join(joined));
    }

    private sealed class Counts
    {
        public int Files;
        public int Directories;
        public int Links;
        public int Special;
        public int Denied;
    }
}
