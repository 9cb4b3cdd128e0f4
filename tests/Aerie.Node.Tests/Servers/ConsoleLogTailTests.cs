using System.Globalization;
using Aerie.Node.Servers;

namespace Aerie.Node.Tests.Servers;

public sealed class ConsoleLogTailTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "aerie-tail-" + Guid.NewGuid().ToString("N"));

    public ConsoleLogTailTests() => Directory.CreateDirectory(dir);

    private string LogPath => Path.Combine(dir, "server.log");

    [Fact]
    public void Read_LongLog_LastLinesOldestFirst()
    {
        // Longer than one read block, so the backwards scan crosses blocks.
        File.WriteAllLines(LogPath, Enumerable.Range(0, 5000).Select(Line));

        Assert.Equal(Enumerable.Range(4850, 150).Select(Line), ConsoleLogTail.Read(LogPath, 150));
    }

    [Fact]
    public void Read_JustRotated_RestComesFromNewestRotatedFile()
    {
        File.WriteAllLines(LogPath + ".1", Enumerable.Range(0, 10).Select(Line));
        File.WriteAllLines(LogPath, Enumerable.Range(10, 3).Select(Line));

        Assert.Equal(Enumerable.Range(5, 8).Select(Line), ConsoleLogTail.Read(LogPath, 8));
    }

    [Fact]
    public void Read_UnterminatedLastLineAndEmptyLines_KeepsWholeLinesOnly()
    {
        File.WriteAllText(LogPath, "a\n\nb\nhalf");

        Assert.Equal(["a", "", "b"], ConsoleLogTail.Read(LogPath, 10));
    }

    [Fact]
    public void Read_NoFile_Empty() => Assert.Empty(ConsoleLogTail.Read(Path.Combine(dir, "none", "x.log"), 10));

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string Line(int i) => "line " + i.ToString(CultureInfo.InvariantCulture);
}
