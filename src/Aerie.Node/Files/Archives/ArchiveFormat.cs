namespace Aerie.Node.Files.Archives;

/// <summary>What <c>decompress</c> reads (spec 06 §3). The single-file formats hold one compressed file, not an archive.</summary>
internal enum ArchiveFormat
{
    Zip,
    Tar,
    TarGzip,
    TarBzip2,
    TarXz,
    TarZstd,
    Rar,
    SevenZip,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
}
