using System.Buffers.Binary;
using static Aerie.Node.Files.NativeFiles;

namespace Aerie.Node.Files;

/// <summary>One entry's own metadata (a link is never followed), read with <c>statx</c>. <see cref="Mode"/> is the
/// raw <c>st_mode</c> (type and permission bits); <see cref="Mime"/> is set by listings that sniff content.</summary>
internal sealed record FileEntry(string Name, uint Mode, long Size, DateTimeOffset Changed, DateTimeOffset Modified, string Mime = "")
{
    public const uint TypeMask = 0xF000; // S_IFMT
    public const uint Fifo = 0x1000;
    public const uint CharDevice = 0x2000;
    public const uint DirectoryType = 0x4000;
    public const uint BlockDevice = 0x6000;
    public const uint Regular = 0x8000;
    public const uint Link = 0xA000;
    public const uint Socket = 0xC000;
    private const uint StatxBasicStats = 0x7ff;

    public bool IsDirectory => (Mode & TypeMask) == DirectoryType;

    public bool IsRegular => (Mode & TypeMask) == Regular;

    public bool IsLink => (Mode & TypeMask) == Link;

    /// <summary>The permission bits (and setuid/setgid/sticky), <c>0o7777</c>.</summary>
    public uint Permissions => Mode & 0xFFF;

    /// <summary>The entry <paramref name="name"/> in <paramref name="folder"/> (empty: the folder itself); null when missing.</summary>
    public static FileEntry? Read(int folder, string name, string shownName)
    {
        var buffer = new byte[256];
        var flags = name.Length == 0 ? AtEmptyPath : AtSymlinkNoFollow;
        if (Statx(folder, name, flags, StatxBasicStats, buffer) != 0)
        {
            var errno = LastError;
            return errno is ENOENT or ENOTDIR ? null : throw ConfinedFileException.FromErrno(shownName, "cannot read its metadata", errno);
        }
        // struct statx: stx_mode u16 at 28, stx_size u64 at 40, stx_ctime at 96 and stx_mtime at 112 (i64 seconds first).
        var span = buffer.AsSpan();
        return new FileEntry(
            shownName,
            BinaryPrimitives.ReadUInt16LittleEndian(span[28..]),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(span[40..]),
            DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64LittleEndian(span[96..])),
            DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64LittleEndian(span[112..])));
    }
}
