using System.Globalization;
using Aerie.Bench.Reporting;

namespace Aerie.Bench.Scenarios;

/// <summary>Scenario 1: the credentials endpoint (API key, SQLite, real node preflight) vs a trivial JSON
/// endpoint on the same panel host, at each client count.</summary>
internal static class CredentialsScenario
{
    public const string Name = "credentials";

    public sealed record Settings(int[] Clients, TimeSpan Duration, int MaxRequests, TimeSpan Warmup)
    {
        public static Settings Full => new([1, 16, 64], TimeSpan.FromSeconds(4), 1_000_000, TimeSpan.FromSeconds(1.5));
        public static Settings Smoke => new([1, 2], TimeSpan.FromSeconds(5), 10, TimeSpan.Zero);
    }

    public static async Task<List<Metric>> RunAsync(Settings settings, PanelRig rig)
    {
        var metrics = new List<Metric>();
        using var http = rig.Client(settings.Clients.Max());
        if (settings.Warmup > TimeSpan.Zero)
        {
            // JIT, EF query compilation, connection pool: neither side is measured cold.
            await HttpLoad.RunAsync(http, rig.CredentialsPath, 4, settings.Warmup, int.MaxValue);
            await HttpLoad.RunAsync(http, PanelRig.CeilingPath, 4, settings.Warmup, int.MaxValue);
        }
        foreach (var clients in settings.Clients)
        {
            var real = await HttpLoad.RunAsync(http, rig.CredentialsPath, clients, settings.Duration, settings.MaxRequests);
            var ceiling = await HttpLoad.RunAsync(http, PanelRig.CeilingPath, clients, settings.Duration, settings.MaxRequests);
            var @case = string.Create(CultureInfo.InvariantCulture, $"{clients} clients");
            var at64 = clients == 64;
            metrics.Add(new Metric(Name, @case, "requests/s", "req/s", real.RequestsPerSecond, ceiling.RequestsPerSecond,
                Target: at64 ? "≥ 0.5 of ceiling" : null, TargetMet: at64 ? real.RequestsPerSecond >= 0.5 * ceiling.RequestsPerSecond : null));
            metrics.Add(new Metric(Name, @case, "p50 latency", "ms", real.P50Ms, ceiling.P50Ms, HigherIsBetter: false));
            metrics.Add(new Metric(Name, @case, "p99 latency", "ms", real.P99Ms, ceiling.P99Ms, HigherIsBetter: false,
                Target: at64 ? "< 10 ms" : null, TargetMet: at64 ? real.P99Ms < 10 : null));
            metrics.Add(new Metric(Name, @case, "failed requests", "", real.Failed + ceiling.Failed, HigherIsBetter: false));
            metrics.Add(new Metric(Name, @case, "requests measured", "", real.Ok));
        }
        return metrics;
    }
}
