using System.Globalization;
using Aerie.Bench.Infra;
using Aerie.Bench.Reporting;

namespace Aerie.Bench.Scenarios;

/// <summary>Scenario 4: node daemon and panel as child processes of the real `aerie` exe: time from spawn to the
/// first HTTP answer, and RSS at idle. Ceiling: the bare Kestrel ceiling host, started the same way.</summary>
internal static class FootprintScenario
{
    public const string Name = "footprint";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public sealed record Settings(int Starts, int Servers)
    {
        public static Settings Full => new(3, 10);
        public static Settings Smoke => new(1, 2);
    }

    public static async Task<List<Metric>> RunAsync(Settings settings)
    {
        var (ceilingReady, ceilingRss) = await MeasureAsync(settings.Starts, _ => CeilingTarget.StartAsync(), t => t.ReadyMs, t => t.Rss);
        var (nodeReady, nodeRss) = await MeasureAsync(settings.Starts,
            last => NodeTarget.StartAsync(settings.Servers, 30, startServers: last), t => t.ReadyMs, t => t.Rss);
        var panelData = Path.Combine(Path.GetTempPath(), "aerie-bench", Guid.NewGuid().ToString("N"));
        double panelColdReady;
        (double, long) panelWarm;
        try
        {
            (panelColdReady, _) = await MeasureAsync(1, _ => PanelChild.StartAsync(panelData), t => t.ReadyMs, t => t.Rss);
            panelWarm = await MeasureAsync(settings.Starts, _ => PanelChild.StartAsync(panelData), t => t.ReadyMs, t => t.Rss);
        }
        finally
        {
            try
            {
                Directory.Delete(panelData, recursive: true);
            }
            catch (IOException)
            {
                // temp folder
            }
        }
        var nodeCase = string.Create(CultureInfo.InvariantCulture, $"node, {settings.Servers} servers running");
        var full = settings.Servers >= 10;
        return
        [
            new Metric(Name, nodeCase, "RSS at idle", "MiB", nodeRss / 1048576.0, ceilingRss / 1048576.0, HigherIsBetter: false,
                Target: full ? "≤ 48 MiB" : null, TargetMet: full ? nodeRss <= 48L * 1048576 : null),
            new Metric(Name, "node", "spawn → accepting (median)", "ms", nodeReady, ceilingReady, HigherIsBetter: false,
                Target: full ? "≤ 200 ms" : null, TargetMet: full ? nodeReady <= 200 : null),
            new Metric(Name, "panel (SQLite)", "RSS at idle", "MiB", panelWarm.Item2 / 1048576.0, ceilingRss / 1048576.0, HigherIsBetter: false),
            new Metric(Name, "panel (SQLite)", "spawn → accepting (median, existing db)", "ms", panelWarm.Item1, ceilingReady, HigherIsBetter: false),
            new Metric(Name, "panel (SQLite)", "spawn → accepting (new db, migrations)", "ms", panelColdReady, ceilingReady, HigherIsBetter: false),
        ];
    }

    /// <summary>Starts the target <paramref name="starts"/> times: median ready time; RSS of the last start after settling.</summary>
    private static async Task<(double ReadyMs, long Rss)> MeasureAsync<T>(int starts, Func<bool, Task<T>> start, Func<T, double> ready, Func<T, long> rss)
        where T : IDisposable
    {
        var times = new List<double>();
        long lastRss = 0;
        for (var i = 0; i < starts; i++)
        {
            var last = i == starts - 1;
            using var target = await start(last);
            times.Add(ready(target));
            if (last)
            {
                await Task.Delay(Settle);
                lastRss = rss(target);
            }
        }
        return (Percentiles.Of(Percentiles.Sorted(times), 50), lastRss);
    }
}
