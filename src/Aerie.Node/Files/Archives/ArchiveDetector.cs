namespace Aerie.Node.Files.Archives;

/// <summary>Which <see cref="ArchiveFormat"/> a file is: by its first bytes, then by its name (spec 06 §3). A compressed
/// stream is a tar when its decompressed start carries the ustar magic (or its name says tar); otherwise it is a single
/// compressed file. Leaves the stream at position 0.</summary>
internal static class ArchiveDetector
{
    private const int TarMagicOffset = 257;

    public static ArchiveFormat? Detect(Stream archive, string name)
    {
        Span<byte> head = stackalloc byte[TarMagicOffset + 8];
        var read = ReadUpTo(archive, head);
        archive.Position = 0;
        head = head[..read];
        var compression = CompressionOf(head);
        if (compression is { } c)
        {
            return IsTarInside(archive, c) || HasTarName(name) ? TarOf(c) : SingleOf(c);
        }
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8) || head.StartsWith("PK\x07\x08"u8))
        {
            return ArchiveFormat.Zip;
        }
        if (head.StartsWith("Rar!\x1a\x07"u8))
        {
            return ArchiveFormat.Rar;
        }
        if (head.StartsWith("7z\xBC\xAF\x27\x1C"u8))
        {
            return ArchiveFormat.SevenZip;
        }
        if (IsUstar(head))
        {
            return ArchiveFormat.Tar;
        }
        return ByName(name);
    }

    private static ArchiveFormat? ByName(string name)
    {
        var n = name.ToLowerInvariant();
        return n switch
        {
            _ when n.EndsWith(".tar.gz", StringComparison.Ordinal) || n.EndsWith(".tgz", StringComparison.Ordinal) => ArchiveFormat.TarGzip,
            _ when n.EndsWith(".tar.bz2", StringComparison.Ordinal) || n.EndsWith(".tbz2", StringComparison.Ordinal) => ArchiveFormat.TarBzip2,
            _ when n.EndsWith(".tar.xz", StringComparison.Ordinal) || n.EndsWith(".txz", StringComparison.Ordinal) => ArchiveFormat.TarXz,
            _ when n.EndsWith(".tar.zst", StringComparison.Ordinal) => ArchiveFormat.TarZstd,
            // A pre-POSIX (v7) tar has no magic: only its name tells.
            _ when n.EndsWith(".tar", StringComparison.Ordinal) => ArchiveFormat.Tar,
            _ when n.EndsWith(".zip", StringComparison.Ordinal) => ArchiveFormat.Zip,
            _ when n.EndsWith(".rar", StringComparison.Ordinal) => ArchiveFormat.Rar,
            _ when n.EndsWith(".7z", StringComparison.Ordinal) => ArchiveFormat.SevenZip,
            _ => null,
        };
    }

    private static Compression? CompressionOf(ReadOnlySpan<byte> head) => head switch
    {
        [0x1F, 0x8B, ..] => Compression.Gzip,
        [(byte)'B', (byte)'Z', (byte)'h', ..] => Compression.Bzip2,
        [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00, ..] => Compression.Xz,
        [0x28, 0xB5, 0x2F, 0xFD, ..] => Compression.Zstd,
        _ => null,
    };

    private static bool IsTarInside(Stream archive, Compression compression)
    {
        var inner = new byte[TarMagicOffset + 8];
        int read;
        try
        {
            using var decompressed = Decompressors.Open(archive, compression);
            read = ReadUpTo(decompressed, inner);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or SharpCompress.Common.SharpCompressException)
        {
            read = 0; // corrupt: let the name decide, the reader reports the damage
        }
        archive.Position = 0;
        return IsUstar(inner.AsSpan(0, read));
    }

    private static bool IsUstar(ReadOnlySpan<byte> block) =>
        block.Length >= TarMagicOffset + 5 && block.Slice(TarMagicOffset, 5).SequenceEqual("ustar"u8);

    private static bool HasTarName(string name)
    {
        var n = name.ToLowerInvariant();
        return n.Contains(".tar.", StringComparison.Ordinal) || n.EndsWith(".tgz", StringComparison.Ordinal)
            || n.EndsWith(".tbz2", StringComparison.Ordinal) || n.EndsWith(".txz", StringComparison.Ordinal);
    }

    private static ArchiveFormat TarOf(Compression c) => c switch
    {
        Compression.Gzip => ArchiveFormat.TarGzip,
        Compression.Bzip2 => ArchiveFormat.TarBzip2,
        Compression.Xz => ArchiveFormat.TarXz,
        _ => ArchiveFormat.TarZstd,
    };

    private static ArchiveFormat SingleOf(Compression c) => c switch
    {
        Compression.Gzip => ArchiveFormat.Gzip,
        Compression.Bzip2 => ArchiveFormat.Bzip2,
        Compression.Xz => ArchiveFormat.Xz,
        _ => ArchiveFormat.Zstd,
    };

    private static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }
}
