using System.Diagnostics;

namespace Aerie.Bench.Children;

/// <summary>Emits <c>count</c> items at <c>rate</c> per second, catching up in small batches after each ~1 ms sleep,
/// so output is steady rather than one burst. Shared by the flooder and the ceiling broadcaster.</summary>
internal static class Pacer
{
    public static void Run(int count, int rate, Action<int> emit, Action flush)
    {
        var start = Stopwatch.GetTimestamp();
        var sent = 0;
        while (sent < count)
        {
            var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1;
            var until = (int)Math.Min(count, due);
            while (sent < until)
            {
                emit(++sent);
            }
            flush();
            if (sent < count)
            {
                Thread.Sleep(1);
            }
        }
    }
}
