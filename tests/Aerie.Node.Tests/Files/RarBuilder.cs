using System.Buffers.Binary;
using System.Text;

namespace Aerie.Node.Tests.Files;

/// <summary>Builds a RAR 4 archive holding one stored (uncompressed) file: no tool here writes RAR, and the format's
/// stored method is simple enough to lay out byte by byte (marker, main header, file header, data, end block).</summary>
internal static class RarBuilder
{
    private const byte MainHeader = 0x73;
    private const byte FileHeader = 0x74;
    private const byte EndHeader = 0x7B;

    public static byte[] Stored(string name, byte[] data, DateTime modified)
    {
        using var rar = new MemoryStream();
        rar.Write("Rar!\x1a\x07\x00"u8);
        Block(rar, MainHeader, 0, new byte[6]);

        var nameBytes = Encoding.UTF8.GetBytes(name);
        var body = new byte[25 + nameBytes.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(0), (uint)data.Length); // packed size
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)data.Length); // unpacked size
        body[8] = 3; // host OS: Unix
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(9), Crc32(data));
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(13), DosTime(modified));
        body[17] = 29; // version needed: 2.9
        body[18] = 0x30; // method: store
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(19), (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(21), 0x81A4); // st_mode: regular, 0644
        nameBytes.CopyTo(body, 25);
        Block(rar, FileHeader, 0x8000, body); // 0x8000: a data area follows
        rar.Write(data);

        Block(rar, EndHeader, 0x4000, []);
        return rar.ToArray();
    }

    /// <summary>HEAD_CRC (low half of the CRC32 of the rest), HEAD_TYPE, HEAD_FLAGS, HEAD_SIZE, then the fields.</summary>
    private static void Block(Stream output, byte type, ushort flags, byte[] fields)
    {
        var header = new byte[7 + fields.Length];
        header[2] = type;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(3), flags);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(5), (ushort)header.Length);
        fields.CopyTo(header, 7);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0), (ushort)(Crc32(header.AsSpan(2)) & 0xFFFF));
        output.Write(header);
    }

    private static uint DosTime(DateTime t) =>
        (uint)(((t.Year - 1980) << 25) | (t.Month << 21) | (t.Day << 16) | (t.Hour << 11) | (t.Minute << 5) | (t.Second / 2));

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
