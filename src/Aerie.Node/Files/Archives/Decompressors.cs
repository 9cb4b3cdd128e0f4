using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using ZstdDecompressionStream = SharpCompress.Compressors.ZStandard.DecompressionStream;

namespace Aerie.Node.Files.Archives;

/// <summary>Opens the decompressed view of a stream: the BCL's gzip, SharpCompress where the BCL stops (bzip2, xz, zstd).</summary>
internal static class Decompressors
{
    public static Stream Open(Stream compressed, Compression compression) => compression switch
    {
        Compression.None => compressed,
        Compression.Gzip => new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true),
        // decompressConcatenated: pbzip2 and `cat a.bz2 b.bz2` write several streams, all part of the file.
        Compression.Bzip2 => BZip2Stream.Create(compressed, SharpCompress.Compressors.CompressionMode.Decompress, false, true, true),
        Compression.Xz => new XZStream(compressed),
        Compression.Zstd => new ZstdDecompressionStream(compressed, 0, true, true),
        _ => throw new ArgumentOutOfRangeException(nameof(compression)),
    };

    public static Compression Of(ArchiveFormat format) => format switch
    {
        ArchiveFormat.TarGzip or ArchiveFormat.Gzip => Compression.Gzip,
        ArchiveFormat.TarBzip2 or ArchiveFormat.Bzip2 => Compression.Bzip2,
        ArchiveFormat.TarXz or ArchiveFormat.Xz => Compression.Xz,
        ArchiveFormat.TarZstd or ArchiveFormat.Zstd => Compression.Zstd,
        _ => Compression.None,
    };
}
