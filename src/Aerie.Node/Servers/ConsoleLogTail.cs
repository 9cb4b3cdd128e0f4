using System.Text;

namespace Aerie.Node.Servers;

/// <summary>The last lines of a server's on-disk console log (<see cref="ConsoleLogFile"/>), read at boot so
/// the history survives a daemon restart. Reads backwards from the end, so a 10 MiB log costs a few blocks;
/// when the current file is short (just rotated) the newest rotated file supplies the rest.</summary>
internal static class ConsoleLogTail
{
    private const int BlockBytes = 64 * 1024;

    // Console lines are cut at 64 KiB; a notice or the escaping around it adds little.
    private const long MaxLineBytes = 256 * 1024;

    public static IReadOnlyList<string> Read(string path, int count)
    {
        var lines = Tail(path, count);
        if (lines.Count < count)
        {
            lines.InsertRange(0, Tail(path + ".1", count - lines.Count));
        }
        return lines;
    }

    private static List<string> Tail(string path, int count)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = FindStart(stream, count);
            stream.Position = start;
            var text = new StreamReader(stream, new UTF8Encoding(false, false)).ReadToEnd();
            // Only whole lines: a daemon that died mid-write may have left an unterminated last one.
            var end = text.LastIndexOf('\n');
            if (end < 0)
            {
                return [];
            }
            var all = text[..end].Split('\n');
            return [.. all.Skip(Math.Max(0, all.Length - count))];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <summary>Offset from which the file holds at least <paramref name="count"/> whole lines (or 0).</summary>
    private static long FindStart(FileStream stream, int count)
    {
        var buffer = new byte[BlockBytes];
        var newlines = 0;
        var position = stream.Length;
        var limit = Math.Max(0, stream.Length - ((count + 1) * MaxLineBytes));
        while (position > limit)
        {
            var size = (int)Math.Min(BlockBytes, position - limit);
            position -= size;
            stream.Position = position;
            stream.ReadExactly(buffer, 0, size);
            for (var i = size - 1; i >= 0; i--)
            {
                // count + 1 newlines: the one ending the last line, plus one before each of the count lines.
                if (buffer[i] == (byte)'\n' && ++newlines > count)
                {
                    return position + i + 1;
                }
            }
        }
        return position;
    }
}
