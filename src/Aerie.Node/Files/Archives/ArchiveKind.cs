namespace Aerie.Node.Files.Archives;

/// <summary>What <c>compress</c> writes (spec 06 §2), with the suffix of the archive's name.</summary>
internal sealed record ArchiveKind(Compression Compression, bool IsZip, string Suffix)
{
    /// <summary>The request's <c>extension</c>: <c>zip</c>, <c>tar.gz</c>/<c>tgz</c>, <c>tar.bz2</c>/<c>tbz2</c>,
    /// <c>tar.xz</c>/<c>txz</c>; anything else (or none) is <c>tar.gz</c>, as in Wings. The alias asked for is the suffix.</summary>
    public static ArchiveKind FromExtension(string? extension) => extension?.Trim().TrimStart('.').ToLowerInvariant() switch
    {
        "zip" => new(Compression.None, true, ".zip"),
        "tgz" => new(Compression.Gzip, false, ".tgz"),
        "tar.bz2" => new(Compression.Bzip2, false, ".tar.bz2"),
        "tbz2" => new(Compression.Bzip2, false, ".tbz2"),
        "tar.xz" => new(Compression.Xz, false, ".tar.xz"),
        "txz" => new(Compression.Xz, false, ".txz"),
        _ => new(Compression.Gzip, false, ".tar.gz"),
    };
}
