using System.Text;
using Aerie.Node.Servers;

namespace Aerie.Node.Tests.Servers;

public sealed class ConsoleLineSplitterTests
{
    private static List<string> Split(params byte[][] chunks)
    {
        var lines = new List<string>();
        var splitter = new ConsoleLineSplitter(lines.Add);
        foreach (var chunk in chunks)
        {
            splitter.Feed(chunk);
        }
        splitter.Flush();
        return lines;
    }

    [Fact]
    public void Feed_LinesAcrossChunks_JoinedAndSplitOnNewline()
    {
        Assert.Equal(["hello world", "second", "", "last"], Split("hel"u8.ToArray(), "lo world\r\nsec"u8.ToArray(), "ond\n\nlast"u8.ToArray()));
    }

    [Fact]
    public void Feed_OnlyTrailingCarriageReturnStripped()
    {
        Assert.Equal(["a\rb", "c"], Split("a\rb\r\nc\n"u8.ToArray()));
    }

    [Fact]
    public void Feed_LongLine_CutIntoPiecesOnCharacterBoundary()
    {
        // 65535 ASCII bytes then a 3-byte character: the piece must not split the character.
        var bytes = Encoding.UTF8.GetBytes(new string('a', 65535) + "€" + "tail\n");
        var lines = Split(bytes);
        Assert.Equal(2, lines.Count);
        Assert.Equal(new string('a', 65535), lines[0]);
        Assert.Equal("€tail", lines[1]);
    }

    [Fact]
    public void Feed_ExactlyOnePiece_NoEmptyExtraLine()
    {
        var lines = Split(Encoding.UTF8.GetBytes(new string('b', 65536) + "\n"));
        Assert.Equal([new string('b', 65536)], lines);
    }

    [Fact]
    public void Feed_InvalidUtf8_ReplacementCharacter()
    {
        Assert.Equal(["x\uFFFDy"], Split([(byte)'x', 0xC3, (byte)'y', (byte)'\n']));
    }
}
