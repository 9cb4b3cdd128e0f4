using Aerie.Bench.Children;
using Aerie.Bench.Reporting;
using Aerie.Bench.Scenarios;

namespace Aerie.Bench;

/// <summary>
/// <c>Aerie.Bench &lt;credentials|fanout|density|footprint|firstbyte|all&gt; [--smoke] [--rate n] [--out file.json]</c>.
/// Child modes (started by the harness itself): <c>flooder</c>, <c>ceiling-host --port P</c>.
/// </summary>
internal static class BenchCli
{
    public static readonly string[] Scenarios = ["credentials", "fanout", "density", "footprint", "firstbyte"];

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["flooder", ..]:
                return Flooder.Run();
            case ["ceiling-host", ..]:
                return await CeilingHost.RunAsync(args);
            case [var name, ..] when name == "all" || Scenarios.Contains(name):
                break;
            default:
                await Console.Error.WriteLineAsync("usage: Aerie.Bench <" + string.Join('|', Scenarios) + "|all> [--smoke] [--rate lines/s] [--out results.json]");
                return 2;
        }
        var smoke = args.Contains("--smoke");
        var outIndex = Array.IndexOf(args, "--out");
        var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : null;
        var selected = args[0] == "all" ? Scenarios : [args[0]];
        var rateIndex = Array.IndexOf(args, "--rate");
        int? rate = rateIndex >= 0 && rateIndex + 1 < args.Length ? int.Parse(args[rateIndex + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
        var report = await RunScenariosAsync(selected, smoke, line => Console.WriteLine(line), rate);
        Console.WriteLine();
        Console.WriteLine(report.Table());
        Console.WriteLine($"load average at start {report.Machine.LoadAverage}, at end {report.LoadAfter}; {report.Machine.Cores} cores, {report.Machine.MemoryMiB} MiB");
        if (output is not null)
        {
            report.WriteJson(output);
            Console.WriteLine("wrote " + output);
        }
        return 0;
    }

    /// <param name="fanOutRate">Overrides the fan-out game's lines/s (default: the throttle budget, 20,000).</param>
    public static async Task<BenchReport> RunScenariosAsync(IEnumerable<string> names, bool smoke, Action<string> log, int? fanOutRate = null)
    {
        var report = new BenchReport();
        PanelRig? rig = null;
        try
        {
            foreach (var name in names)
            {
                log($"[{DateTime.UtcNow:HH:mm:ss}] {name}…");
                var metrics = name switch
                {
                    "credentials" => await CredentialsScenario.RunAsync(smoke ? CredentialsScenario.Settings.Smoke : CredentialsScenario.Settings.Full, rig ??= await PanelRig.StartAsync()),
                    "firstbyte" => await FirstByteScenario.RunAsync(smoke ? FirstByteScenario.Settings.Smoke : FirstByteScenario.Settings.Full, rig ??= await PanelRig.StartAsync()),
                    "fanout" => await FanOutScenario.RunAsync(FanOutSettings(smoke, fanOutRate)),
                    "density" => await DensityScenario.RunAsync(smoke ? DensityScenario.Settings.Smoke : DensityScenario.Settings.Full),
                    "footprint" => await FootprintScenario.RunAsync(smoke ? FootprintScenario.Settings.Smoke : FootprintScenario.Settings.Full),
                    _ => throw new ArgumentException("unknown scenario " + name),
                };
                report.Metrics.AddRange(metrics);
            }
        }
        finally
        {
            if (rig is not null)
            {
                await rig.DisposeAsync();
            }
        }
        report.LoadAfter = MachineInfo.LoadAverageNow();
        return report;
    }

    private static FanOutScenario.Settings FanOutSettings(bool smoke, int? rate)
    {
        var settings = smoke ? FanOutScenario.Settings.Smoke : FanOutScenario.Settings.Full;
        return rate is { } r ? settings with { Rate = r } : settings;
    }
}
