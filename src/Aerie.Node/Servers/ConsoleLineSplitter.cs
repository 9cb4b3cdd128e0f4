using System.Text;

namespace Aerie.Node.Servers;

/// <summary>Splits raw game output into lines: on <c>\n</c>, trailing <c>\r</c> stripped, empty lines kept
/// (beyond Wings), lines longer than the piece size cut into pieces at a UTF-8 boundary, invalid UTF-8
/// replaced with U+FFFD. Not thread-safe: one output pump feeds it.</summary>
internal sealed class ConsoleLineSplitter(Action<string> onLine, int pieceBytes = ConsoleLineSplitter.DefaultPieceBytes)
{
    public const int DefaultPieceBytes = 64 * 1024;
    private static readonly UTF8Encoding Utf8 = new(false, false);
    private readonly byte[] pending = new byte[pieceBytes];
    private int length;

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            var take = newline < 0 ? chunk.Length : newline;
            Append(chunk[..take]);
            if (newline < 0)
            {
                return;
            }
            EmitLine(stripCr: true);
            chunk = chunk[(newline + 1)..];
        }
    }

    /// <summary>Emits a last unterminated line, if any (the process exited).</summary>
    public void Flush()
    {
        if (length > 0)
        {
            EmitLine(stripCr: true);
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var room = pending.Length - length;
            if (room == 0)
            {
                EmitPiece();
                continue;
            }
            var n = Math.Min(room, bytes.Length);
            bytes[..n].CopyTo(pending.AsSpan(length));
            length += n;
            bytes = bytes[n..];
        }
    }

    // A full buffer: emit a piece ending on a UTF-8 character boundary; keep the split character's bytes.
    private void EmitPiece()
    {
        var cut = length;
        var back = 0;
        while (back < 3 && cut > 0 && (pending[cut - 1] & 0xC0) == 0x80)
        {
            cut--;
            back++;
        }
        if (cut > 0 && pending[cut - 1] >= 0xC0 && NeededBytes(pending[cut - 1]) > back + 1)
        {
            cut--;
        }
        else
        {
            cut = length;
        }
        if (cut == 0)
        {
            cut = length;
        }
        onLine(Utf8.GetString(pending, 0, cut));
        var rest = length - cut;
        pending.AsSpan(cut, rest).CopyTo(pending);
        length = rest;
    }

    private static int NeededBytes(byte lead) => lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;

    private void EmitLine(bool stripCr)
    {
        var n = length;
        if (stripCr && n > 0 && pending[n - 1] == (byte)'\r')
        {
            n--;
        }
        onLine(Utf8.GetString(pending, 0, n));
        length = 0;
    }
}
