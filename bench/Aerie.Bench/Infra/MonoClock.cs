using System.Diagnostics;

namespace Aerie.Bench.Infra;

/// <summary>Stopwatch timestamps are CLOCK_MONOTONIC on Linux, so a child process's stamp and ours share one clock.</summary>
internal static class MonoClock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public static double MsSince(long from) => Ms(from, Now);
}
