namespace Aerie.Node.Files.Archives;

/// <summary>The stream compressions a tar or a single file may be wrapped in.</summary>
internal enum Compression
{
    None,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
}
