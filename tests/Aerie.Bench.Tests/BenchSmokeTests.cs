using Aerie.Bench;
using Aerie.Bench.Reporting;
using Aerie.Bench.Scenarios;

namespace Aerie.Bench.Tests;

/// <summary>
/// Each scenario at a tiny size against the real panel, node, `aerie` child processes and ceilings, so the harness
/// cannot rot. Nothing here asserts on speed (numbers vary with the machine); only that every scenario produced
/// sane, complete results. One class, so the scenarios run one after another and do not compete for the cores.
/// </summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public async Task Credentials_TinyRun_MeasuresBothEndpointsWithoutFailures()
    {
        await using var rig = await PanelRig.StartAsync();
        var metrics = await CredentialsScenario.RunAsync(CredentialsScenario.Settings.Smoke, rig);

        foreach (var clients in CredentialsScenario.Settings.Smoke.Clients)
        {
            var @case = $"{clients} clients";
            var rps = Single(metrics, @case, "requests/s");
            Assert.True(rps.Value > 0 && rps.Ceiling > 0, $"{@case}: {rps}");
            Assert.True(Single(metrics, @case, "p99 latency").Value >= Single(metrics, @case, "p50 latency").Value);
            Assert.Equal(0, Single(metrics, @case, "failed requests").Value);
            Assert.True(Single(metrics, @case, "requests measured").Value > 0);
        }
    }

    [Fact]
    public async Task FirstByte_TinyRun_EverySampleReachedAConsoleFrame()
    {
        await using var rig = await PanelRig.StartAsync();
        var metrics = await FirstByteScenario.RunAsync(FirstByteScenario.Settings.Smoke, rig);

        Assert.Equal(FirstByteScenario.Settings.Smoke.Iterations, Single(metrics, "credentials → first console frame", "samples").Value);
        var p50 = Single(metrics, "credentials → first console frame", "p50");
        Assert.True(p50.Value > 0 && p50.Ceiling > 0, p50.ToString());
    }

    [Fact]
    public async Task FanOut_TinyRun_EverySocketGetsTimestampedLines()
    {
        var settings = FanOutScenario.Settings.Smoke;
        var metrics = await FanOutScenario.RunAsync(settings);

        var @case = $"{settings.Sockets[0]} sockets @ {settings.Rate} lines/s";
        var rate = Single(metrics, @case, "delivered lines/s per socket");
        Assert.True(rate.Value > 0 && rate.Ceiling > 0, rate.ToString());
        var lost = Single(metrics, @case, "lines lost per socket");
        Assert.True(lost.Value < settings.Lines && lost.Ceiling < settings.Lines, lost.ToString());
        var p99 = Single(metrics, @case, "p99 write→receive");
        Assert.True(p99.Value > 0 && double.IsFinite(p99.Value), p99.ToString());
        Assert.True(Single(metrics, @case, "daemon CPU").Value > 0);
    }

    [Fact]
    public async Task Density_TinyRun_LineReachesEverySocket()
    {
        var settings = DensityScenario.Settings.Smoke;
        var metrics = await DensityScenario.RunAsync(settings);

        var @case = $"{settings.Sockets} idle sockets";
        var reached = Single(metrics, @case, "sockets that got the line");
        Assert.Equal(settings.Sockets, reached.Value);
        Assert.Equal(settings.Sockets, reached.Ceiling);
        var reach = Single(metrics, @case, "one line reaches all");
        Assert.True(reach.Value > 0 && double.IsFinite(reach.Value), reach.ToString());
        Assert.True(double.IsFinite(Single(metrics, @case, "RSS per socket").Value));
    }

    [Fact]
    public async Task Footprint_TinyRun_NodeAndPanelStartAndReportMemory()
    {
        var metrics = await FootprintScenario.RunAsync(FootprintScenario.Settings.Smoke);

        Assert.Equal(5, metrics.Count);
        Assert.All(metrics, m =>
        {
            Assert.True(m.Value > 0 && double.IsFinite(m.Value), m.ToString());
            Assert.True(m.Ceiling > 0, m.ToString());
        });
    }

    [Fact]
    public async Task Files_TinyRun_UploadsThroughASignedUrlAndListsTheFolder()
    {
        var settings = FilesScenario.Settings.Smoke;
        var metrics = await FilesScenario.RunAsync(settings);

        var upload = FilesScenario.UploadCase(settings);
        var time = Single(metrics, upload, "time (median)");
        Assert.True(time.Value > 0 && time.Ceiling > 0 && double.IsFinite(time.Value), time.ToString());
        Assert.True(Single(metrics, upload, "throughput").Ratio > 0);
        Assert.Equal(settings.Uploads, Single(metrics, upload, "samples").Value);
        var list = FilesScenario.ListCase(settings);
        var p50 = Single(metrics, list, "p50");
        Assert.True(p50.Value > 0 && p50.Ceiling > 0, p50.ToString());
        Assert.True(Single(metrics, list, "p99").Value >= p50.Value);
        Assert.Equal(settings.Listings, Single(metrics, list, "samples").Value);
    }

    [Fact]
    public async Task Report_DensityRun_TableAndJsonHoldEveryMetric()
    {
        var report = await BenchCli.RunScenariosAsync(["density"], smoke: true, _ => { });
        var path = Path.Combine(Path.GetTempPath(), $"aerie-bench-{Guid.NewGuid():N}.json");
        try
        {
            report.WriteJson(path);
            var json = await File.ReadAllTextAsync(path);
            Assert.Contains("\"metrics\"", json, StringComparison.Ordinal);
            Assert.Contains("\"ratio\"", json, StringComparison.Ordinal);
            var table = report.Table();
            Assert.All(report.Metrics, m => Assert.Contains(m.Name, table, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Metric Single(IEnumerable<Metric> metrics, string @case, string name) =>
        Assert.Single(metrics, m => m.Case == @case && m.Name == name);
}
