using System.Diagnostics;
using Aerie.Bench.Scenarios;

namespace Aerie.Bench.Infra;

/// <summary>Profiling aid: with <c>AERIE_BENCH_GCDUMP=&lt;folder&gt;</c> (and dotnet-gcdump on PATH or in
/// <c>AERIE_BENCH_TOOLS</c>), the density scenario dumps each target's managed heap while all sockets are open.</summary>
internal static class HeapDump
{
    public static async Task MaybeCollectAsync(IBroadcastTarget target)
    {
        var folder = Environment.GetEnvironmentVariable("AERIE_BENCH_GCDUMP");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }
        Directory.CreateDirectory(folder);
        var tools = Environment.GetEnvironmentVariable("AERIE_BENCH_TOOLS");
        var tool = string.IsNullOrEmpty(tools) ? "dotnet-gcdump" : Path.Combine(tools, "dotnet-gcdump");
        var info = new ProcessStartInfo(tool) { UseShellExecute = false };
        foreach (var a in new[] { "collect", "-p", target.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", Path.Combine(folder, target.Label.Replace(' ', '-') + ".gcdump") })
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + tool);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(cts.Token);
    }
}
