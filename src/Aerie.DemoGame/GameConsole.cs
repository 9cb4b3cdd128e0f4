using System.Text;

namespace Aerie.DemoGame;

/// <summary>
/// Writes Minecraft-style log lines (<c>[12:00:00 INFO]: text</c>) with ANSI colours, one flush per
/// line so a daemon reading the pipe sees each line at once. Only the prefix is coloured, so "done"
/// markers like <c>Done (</c> stay plain substrings.
/// </summary>
internal sealed class GameConsole(Stream stdout, TimeProvider time) : IDisposable
{
    private const string Reset = "\u001b[0m";
    private readonly Lock gate = new();
    private readonly StreamWriter writer = new(stdout, new UTF8Encoding(false), 64 * 1024) { AutoFlush = false, NewLine = "\n" };

    public void Info(string text) => Log("INFO", "\u001b[32m", text);

    public void Warn(string text) => Log("WARN", "\u001b[33m", text);

    public void Error(string text) => Log("ERROR", "\u001b[31m", text);

    /// <summary>Writes many lines with one flush at the end: for <c>flood</c>, where speed is the point.</summary>
    public void Burst(int count, Func<int, string> line)
    {
        lock (gate)
        {
            for (var i = 1; i <= count; i++)
            {
                writer.WriteLine(line(i));
                if (i % 512 == 0)
                {
                    writer.Flush();
                }
            }
            writer.Flush();
        }
    }

    private void Log(string level, string colour, string text)
    {
        var now = time.GetLocalNow();
        lock (gate)
        {
            writer.WriteLine($"\u001b[36m[{now:HH:mm:ss} {colour}{level}\u001b[36m]{Reset}: {text}");
            writer.Flush();
        }
    }

    public void Dispose() => writer.Dispose();
}
