using System.Globalization;
using Aerie.Bench.Infra;
using Aerie.Bench.Reporting;

namespace Aerie.Bench.Scenarios;

/// <summary>Scenario 2: the flooder writes timestamped lines at the throttle's budget while N sockets watch.
/// Same clients, same rate, same frames against the ceiling broadcaster.</summary>
internal static class FanOutScenario
{
    public const string Name = "fan-out";

    public sealed record Settings(int[] Sockets, int Rate, TimeSpan Duration)
    {
        public static Settings Full => new([1, 30, 100], 20_000, TimeSpan.FromSeconds(3));
        public static Settings Smoke => new([2], 2_000, TimeSpan.FromSeconds(0.1));
        public int Lines => (int)(Rate * Duration.TotalSeconds);
    }

    private sealed record Run(double LinesPerSecond, double LostPerSocket, long DroppedByQueue, int ThrottleEpisodes, double P50, double P99, double CpuCores, double CpuUsPerFrame);

    public static async Task<List<Metric>> RunAsync(Settings settings)
    {
        var ceiling = new Dictionary<int, Run>();
        var node = new Dictionary<int, Run>();
        // Both stay up and take turns at each size, so drift in the machine's load hits both sides alike.
        using (var ceilingTarget = await CeilingTarget.StartAsync())
        using (var nodeTarget = await NodeTarget.StartAsync(servers: 1, maxSockets: settings.Sockets.Max() + 10, startServers: true))
        {
            foreach (var n in settings.Sockets)
            {
                ceiling[n] = await MeasureAsync(ceilingTarget, n, settings);
                node[n] = await MeasureAsync(nodeTarget, n, settings);
            }
        }
        var metrics = new List<Metric>();
        foreach (var n in settings.Sockets)
        {
            var (r, c) = (node[n], ceiling[n]);
            var @case = string.Create(CultureInfo.InvariantCulture, $"{n} sockets @ {settings.Rate} lines/s");
            metrics.Add(new Metric(Name, @case, "delivered lines/s per socket", "lines/s", r.LinesPerSecond, c.LinesPerSecond,
                Target: n == 100 ? "≥ 0.7 of ceiling" : n == 30 ? "full budget" : null,
                TargetMet: n == 100 ? r.LinesPerSecond >= 0.7 * c.LinesPerSecond : n == 30 ? r.LostPerSocket == 0 : null));
            metrics.Add(new Metric(Name, @case, "p50 write→receive", "ms", r.P50, c.P50, HigherIsBetter: false));
            metrics.Add(new Metric(Name, @case, "p99 write→receive", "ms", r.P99, c.P99, HigherIsBetter: false,
                Target: n == 30 ? "< 100 ms" : null, TargetMet: n == 30 ? r.P99 < 100 : null));
            metrics.Add(new Metric(Name, @case, "daemon CPU", "cores", r.CpuCores, c.CpuCores, HigherIsBetter: false));
            metrics.Add(new Metric(Name, @case, "daemon CPU per delivered frame", "µs", r.CpuUsPerFrame, c.CpuUsPerFrame, HigherIsBetter: false));
            metrics.Add(new Metric(Name, @case, "lines lost per socket", "lines", r.LostPerSocket, c.LostPerSocket, HigherIsBetter: false,
                Target: n == 30 ? "0" : null, TargetMet: n == 30 ? r.LostPerSocket == 0 : null));
            metrics.Add(new Metric(Name, @case, "of which dropped by send queues (all sockets)", "lines", r.DroppedByQueue, HigherIsBetter: false));
            metrics.Add(new Metric(Name, @case, "throttle episodes announced", "", r.ThrottleEpisodes, HigherIsBetter: false));
        }
        return metrics;
    }

    private static async Task<Run> MeasureAsync(IBroadcastTarget target, int sockets, Settings settings)
    {
        await using var crowd = await Crowd.ConnectAsync(target, sockets, bufferSize: 16 * 1024, recordLatency: true);
        await Task.Delay(300);
        var cpu0 = target.CpuTime;
        var t0 = MonoClock.Now;
        await target.FloodAsync(settings.Lines, settings.Rate);
        await crowd.WaitForLinesAsync(settings.Lines, idle: TimeSpan.FromSeconds(2), limit: settings.Duration + TimeSpan.FromSeconds(20));
        var wall = MonoClock.MsSince(t0) / 1000.0;
        var cpu = (target.CpuTime - cpu0).TotalSeconds;
        var probes = crowd.Probes;
        var delivered = probes.Sum(p => (long)p.Lines);
        var rates = probes.Where(p => p.Lines > 1).Select(p => p.Lines / Math.Max(0.001, MonoClock.Ms(p.FirstStamp, p.LastLineAt) / 1000.0)).ToList();
        var latencies = Percentiles.Sorted(probes.SelectMany(p => p.LatenciesMs));
        return new Run(
            rates.Count == 0 ? 0 : rates.Average(),
            probes.Average(p => (double)(settings.Lines - p.Lines)),
            probes.Sum(p => p.DroppedByNode),
            probes.Max(p => p.ThrottleEpisodes),
            Percentiles.Of(latencies, 50),
            Percentiles.Of(latencies, 99),
            cpu / wall,
            delivered == 0 ? double.NaN : cpu * 1e6 / delivered);
    }
}
