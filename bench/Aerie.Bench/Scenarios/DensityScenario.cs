using System.Globalization;
using Aerie.Bench.Infra;
using Aerie.Bench.Reporting;

namespace Aerie.Bench.Scenarios;

/// <summary>Scenario 3: many authenticated idle consoles on one server of one node (a child process, so its RSS
/// is its own): RSS growth per socket, then one line and the time until every socket has it.</summary>
internal static class DensityScenario
{
    public const string Name = "density";

    public sealed record Settings(int Sockets)
    {
        public static Settings Full => new(10_000);
        public static Settings Smoke => new(4);
    }

    private sealed record Run(double BytesPerSocket, double ReachAllMs, double ReachP50Ms, int Reached);

    public static async Task<List<Metric>> RunAsync(Settings settings)
    {
        OpenFileLimit.Require(settings.Sockets + 1024);
        Run ceiling, node;
        using (var target = await CeilingTarget.StartAsync())
        {
            ceiling = await MeasureAsync(target, settings.Sockets);
        }
        using (var target = await NodeTarget.StartAsync(servers: 1, maxSockets: settings.Sockets + 10, startServers: true))
        {
            node = await MeasureAsync(target, settings.Sockets);
        }
        var @case = string.Create(CultureInfo.InvariantCulture, $"{settings.Sockets} idle sockets");
        var full = settings.Sockets >= 10_000;
        return
        [
            new Metric(Name, @case, "RSS per socket", "KiB", node.BytesPerSocket / 1024, ceiling.BytesPerSocket / 1024, HigherIsBetter: false,
                Target: full ? "≤ 10 KiB" : null, TargetMet: full ? node.BytesPerSocket <= 10 * 1024 : null),
            new Metric(Name, @case, "one line reaches all", "ms", node.ReachAllMs, ceiling.ReachAllMs, HigherIsBetter: false,
                Target: full ? "< 1000 ms" : null, TargetMet: full ? node.ReachAllMs < 1000 : null),
            new Metric(Name, @case, "one line reaches half", "ms", node.ReachP50Ms, ceiling.ReachP50Ms, HigherIsBetter: false),
            new Metric(Name, @case, "sockets that got the line", "", node.Reached, ceiling.Reached),
        ];
    }

    private static async Task<Run> MeasureAsync(IBroadcastTarget target, int sockets)
    {
        // One small crowd first, so the baseline already holds Kestrel's and the socket path's one-time costs.
        await (await Crowd.ConnectAsync(target, 2, 1024, recordLatency: false)).DisposeAsync();
        await Task.Delay(1000);
        var before = target.Rss;
        var crowd = await Crowd.ConnectAsync(target, sockets, 1024, recordLatency: false, parallel: 100);
        try
        {
            await Task.Delay(2000);
            var after = target.Rss;
            await HeapDump.MaybeCollectAsync(target);
            await target.MarkAsync();
            await crowd.WaitForLinesAsync(1, idle: TimeSpan.FromSeconds(5), limit: TimeSpan.FromSeconds(30));
            var got = crowd.Probes.Where(p => p.Lines > 0).ToList();
            var reach = Percentiles.Sorted(got.Select(p => MonoClock.Ms(p.FirstStamp, p.LastLineAt)));
            return new Run((after - before) / (double)sockets, reach.Count == 0 ? double.NaN : reach[^1], Percentiles.Of(reach, 50), got.Count);
        }
        finally
        {
            // Stop the server side first so TIME_WAIT lands on its ports, not on our ephemeral ones.
            target.Dispose();
            await crowd.DisposeAsync();
        }
    }
}
