using System.Formats.Tar;
using System.IO.Compression;
using SharpCompress.Compressors.BZip2;

namespace Aerie.Node.Files.Archives;

/// <summary>Writes a new archive of an <see cref="ArchiveKind"/> entry by entry: the BCL's zip and tar (PAX headers, so
/// long names and exact times survive), gzip from the BCL, bzip2 from SharpCompress, xz through the system's liblzma
/// (no managed library here writes xz). Entry paths use '/' and are relative; modes are permission bits.
/// Disposing finishes the archive and flushes every layer, leaving the output stream open.</summary>
internal sealed class ArchiveWriter : IDisposable
{
    // Zip's DOS time cannot say anything before 1980.
    private static readonly DateTimeOffset ZipEpoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ZipArchive? zip;
    private readonly TarWriter? tar;
    private readonly Stream? compressor;

    public ArchiveWriter(Stream output, ArchiveKind kind)
    {
        if (kind.IsZip)
        {
            zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
            return;
        }
        compressor = kind.Compression switch
        {
            Compression.Gzip => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            Compression.Bzip2 => BZip2Stream.Create(output, SharpCompress.Compressors.CompressionMode.Compress, false, true, false),
            Compression.Xz => new XzEncoderStream(output),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        tar = new TarWriter(compressor, TarEntryFormat.Pax, leaveOpen: true);
    }

    public void AddDirectory(string path, int mode, DateTimeOffset modified)
    {
        var name = path.TrimEnd('/') + "/";
        if (zip is not null)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            entry.ExternalAttributes = (0x4000 | (mode & ArchiveReader.PermissionBits)) << 16;
            entry.LastWriteTime = Clamp(modified);
            return;
        }
        tar!.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)(mode & ArchiveReader.PermissionBits), ModificationTime = modified });
    }

    public void AddFile(string path, Stream content, int mode, DateTimeOffset modified)
    {
        if (zip is not null)
        {
            var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
            entry.ExternalAttributes = (0x8000 | (mode & ArchiveReader.PermissionBits)) << 16;
            entry.LastWriteTime = Clamp(modified);
            using var target = entry.Open();
            content.CopyTo(target);
            return;
        }
        tar!.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path)
        {
            Mode = (UnixFileMode)(mode & ArchiveReader.PermissionBits),
            ModificationTime = modified,
            DataStream = content,
        });
    }

    public void Dispose()
    {
        zip?.Dispose();
        tar?.Dispose();
        if (compressor is BZip2Stream bzip2)
        {
            bzip2.Finish(); // its Dispose alone leaves the last block unwritten
        }
        compressor?.Dispose();
    }

    private static DateTimeOffset Clamp(DateTimeOffset t) => t < ZipEpoch ? ZipEpoch : t;
}
