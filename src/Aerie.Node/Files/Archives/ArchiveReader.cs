using System.Formats.Tar;
using System.IO.Compression;
using SharpCompress.Archives;
using SharpCompress.Archives.Rar;
using SharpCompress.Archives.SevenZip;
using SharpCompress.Readers;

namespace Aerie.Node.Files.Archives;

/// <summary>The entries of an archive of any <see cref="ArchiveFormat"/>, one at a time (tar streams are read once,
/// never buffered whole): the BCL's zip, tar and gzip readers, SharpCompress for bzip2, xz, zstd, rar and 7z.
/// <paramref name="archiveName"/> names the single entry of a lone compressed file (its name without the suffix).</summary>
internal static class ArchiveReader
{
    /// <summary>The permission bits of a mode (setuid, setgid and sticky are not kept: spec 06 §3).</summary>
    public const int PermissionBits = 0x1FF;

    public static IEnumerable<ArchiveItem> Read(Stream archive, ArchiveFormat format, string archiveName) => format switch
    {
        ArchiveFormat.Zip => Zip(archive),
        ArchiveFormat.Rar or ArchiveFormat.SevenZip => Sharp(archive, format),
        ArchiveFormat.Gzip or ArchiveFormat.Bzip2 or ArchiveFormat.Xz or ArchiveFormat.Zstd => Single(archive, format, archiveName),
        _ => Tar(archive, Decompressors.Of(format)),
    };

    /// <summary>The name a lone compressed file is written under: the archive's name without its suffix.</summary>
    public static string SingleName(string archiveName)
    {
        var name = System.IO.Path.GetFileName(archiveName);
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name + ".out";
    }

    private static IEnumerable<ArchiveItem> Single(Stream archive, ArchiveFormat format, string archiveName)
    {
        using var data = Decompressors.Open(archive, Decompressors.Of(format));
        // The size is unknown until the stream ends: the writer's per-write quota check is what bounds it.
        yield return new ArchiveItem(SingleName(archiveName), ArchiveItemKind.File, 0, null, null, () => data);
    }

    private static IEnumerable<ArchiveItem> Tar(Stream archive, Compression compression)
    {
        // A plain tar is read straight from the archive, which the caller owns (and reads twice).
        var data = Decompressors.Open(archive, compression);
        using var owned = compression == Compression.None ? null : data;
        using var reader = new TarReader(data, leaveOpen: true);
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            var kind = entry.EntryType switch
            {
                TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => ArchiveItemKind.File,
                TarEntryType.Directory => ArchiveItemKind.Directory,
                TarEntryType.SymbolicLink => ArchiveItemKind.Symlink,
                TarEntryType.HardLink => ArchiveItemKind.Hardlink,
                TarEntryType.CharacterDevice or TarEntryType.BlockDevice => ArchiveItemKind.Device,
                TarEntryType.Fifo => ArchiveItemKind.Fifo,
                _ => ArchiveItemKind.Other,
            };
            if (kind == ArchiveItemKind.Other && entry.EntryType is TarEntryType.GlobalExtendedAttributes)
            {
                continue; // metadata for the entries that follow, not an entry
            }
            var current = entry;
            yield return new ArchiveItem(entry.Name, kind, entry.Length, (int)entry.Mode & PermissionBits, entry.ModificationTime,
                () => current.DataStream ?? Stream.Null);
        }
    }

    private static IEnumerable<ArchiveItem> Zip(Stream archive)
    {
        using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in zip.Entries)
        {
            // Unix zips keep st_mode in the high half of the external attributes; others leave it 0.
            var unixMode = (entry.ExternalAttributes >> 16) & 0xFFFF;
            var type = unixMode & 0xF000;
            var isDirectory = entry.FullName.EndsWith('/') || type == 0x4000;
            var kind = isDirectory ? ArchiveItemKind.Directory
                : type switch
                {
                    0xA000 => ArchiveItemKind.Symlink,
                    0x2000 or 0x6000 => ArchiveItemKind.Device,
                    0x1000 => ArchiveItemKind.Fifo,
                    0 or 0x8000 => ArchiveItemKind.File,
                    _ => ArchiveItemKind.Other,
                };
            var current = entry;
            yield return new ArchiveItem(entry.FullName, kind, entry.Length, unixMode == 0 ? null : unixMode & PermissionBits,
                entry.LastWriteTime, current.Open);
        }
    }

    private static IEnumerable<ArchiveItem> Sharp(Stream archive, ArchiveFormat format)
    {
        var options = new ReaderOptions { LeaveStreamOpen = true };
        using IArchive opened = format == ArchiveFormat.Rar ? RarArchive.OpenArchive(archive, options) : SevenZipArchive.OpenArchive(archive, options);
        foreach (var entry in opened.Entries)
        {
            // 7-Zip keeps a unix st_mode in the high half of the attributes when bit 15 says so.
            int? unixMode = entry.Attrib is { } a && (a & 0x8000) != 0 ? (a >> 16) & 0xFFFF : null;
            var kind = entry.IsDirectory ? ArchiveItemKind.Directory
                : !string.IsNullOrEmpty(entry.LinkTarget) || (unixMode & 0xF000) == 0xA000 ? ArchiveItemKind.Symlink
                : ArchiveItemKind.File;
            var current = entry;
            DateTimeOffset? modified = entry.LastModifiedTime is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, t.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : t.Kind)) : null;
            yield return new ArchiveItem(entry.Key ?? "", kind, entry.Size, unixMode & PermissionBits, modified, current.OpenEntryStream);
        }
    }
}
