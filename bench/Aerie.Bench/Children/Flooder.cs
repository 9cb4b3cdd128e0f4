using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Aerie.Bench.Children;

/// <summary>
/// The benchmark's game (<c>Aerie.Bench flooder</c>, run by the node as a server): prints its done line, then
/// obeys stdin: <c>flood &lt;count&gt; &lt;rate&gt;</c> writes lines <c>&lt;Stopwatch ticks&gt; &lt;seq&gt;</c> at that
/// rate, <c>mark</c> writes one such line, <c>stop</c> exits. The tick is CLOCK_MONOTONIC, shared with the harness.
/// </summary>
internal static class Flooder
{
    public static int Run()
    {
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false, NewLine = "\n" };
        stdout.WriteLine(Infra.BenchNodeConfig.Ready);
        stdout.Flush();
        while (Console.In.ReadLine() is { } line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (parts)
            {
                case ["stop"]:
                    return 0;
                case ["mark"]:
                    Write(stdout, 0);
                    stdout.Flush();
                    break;
                case ["flood", var count, var rate]:
                    Pacer.Run(int.Parse(count, CultureInfo.InvariantCulture), int.Parse(rate, CultureInfo.InvariantCulture),
                        seq => Write(stdout, seq), stdout.Flush);
                    break;
                default:
                    stdout.WriteLine("unknown command");
                    stdout.Flush();
                    break;
            }
        }
        return 0;
    }

    private static void Write(StreamWriter stdout, int seq)
    {
        Span<char> text = stackalloc char[48];
        var ok = text.TryWrite(CultureInfo.InvariantCulture, $"{Stopwatch.GetTimestamp()} {seq}", out var written);
        stdout.WriteLine(ok ? text[..written] : "");
    }
}
