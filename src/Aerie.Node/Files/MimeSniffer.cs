using System.Text;

namespace Aerie.Node.Files;

/// <summary>The <c>mime</c> of a regular file from its first bytes (spec 06 §1), as panels use it: archives are
/// offered for unpacking, text for editing. A small table of signatures, then text (UTF-8 without NULs); no
/// maintained .NET package does content sniffing without native libmagic.</summary>
internal static class MimeSniffer
{
    public const int SniffBytes = 512;
    public const string Text = "text/plain; charset=utf-8";
    public const string Binary = "application/octet-stream";
    public const string Directory = "inode/directory";
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private static readonly (byte[] Magic, int Offset, string Mime)[] Signatures =
    [
        ("PK\x03\x04"u8.ToArray(), 0, "application/zip"),
        ("PK\x05\x06"u8.ToArray(), 0, "application/zip"),
        ([0x1F, 0x8B], 0, "application/gzip"),
        ("BZh"u8.ToArray(), 0, "application/x-bzip2"),
        ([0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00], 0, "application/x-xz"),
        ([0x28, 0xB5, 0x2F, 0xFD], 0, "application/zstd"),
        ([(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C], 0, "application/x-7z-compressed"),
        ("Rar!\x1A\x07"u8.ToArray(), 0, "application/x-rar-compressed"),
        ("ustar"u8.ToArray(), 257, "application/x-tar"),
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], 0, "image/png"),
        ([0xFF, 0xD8, 0xFF], 0, "image/jpeg"),
        ("GIF8"u8.ToArray(), 0, "image/gif"),
        ("%PDF-"u8.ToArray(), 0, "application/pdf"),
        ([0x7F, (byte)'E', (byte)'L', (byte)'F'], 0, "application/x-executable"),
        ("SQLite format 3\0"u8.ToArray(), 0, "application/vnd.sqlite3"),
    ];

    /// <param name="head">up to <see cref="SniffBytes"/> first bytes of the file</param>
    public static string Sniff(ReadOnlySpan<byte> head)
    {
        foreach (var (magic, offset, mime) in Signatures)
        {
            if (head.Length >= offset + magic.Length && head.Slice(offset, magic.Length).SequenceEqual(magic))
            {
                return mime;
            }
        }
        return IsText(head) ? Text : Binary;
    }

    private static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head.Contains((byte)0))
        {
            return false;
        }
        // A multi-byte character cut at the end of the sample is still text: drop up to 3 trailing bytes of it.
        for (var cut = 0; cut <= Math.Min(3, head.Length); cut++)
        {
            try
            {
                _ = StrictUtf8.GetCharCount(head[..^cut]);
                return true;
            }
            catch (DecoderFallbackException)
            {
                if (head.Length < SniffBytes)
                {
                    return false; // the whole file was read: nothing was cut
                }
            }
        }
        return false;
    }
}
