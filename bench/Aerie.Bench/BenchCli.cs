using System.CommandLine;
using System.CommandLine.Help;
using Aerie.Bench.Children;
using Aerie.Bench.Reporting;
using Aerie.Bench.Scenarios;

namespace Aerie.Bench;

/// <summary>
/// <c>Aerie.Bench &lt;credentials|fanout|density|footprint|firstbyte|files|all&gt; [--smoke] [--rate n] [--out file.json]</c>, on
/// System.CommandLine like the <c>aerie</c> command. Child modes (started by the harness itself): <c>flooder</c>, <c>ceiling-host --port P</c>.
/// </summary>
internal static class BenchCli
{
    public static readonly string[] Scenarios = ["credentials", "fanout", "density", "footprint", "firstbyte", "files"];

    public static Command Create()
    {
        var root = new Command("Aerie.Bench", "Aerie's benchmark harness (docs/benchmarks.md).");
        foreach (var name in Scenarios.Append("all"))
        {
            root.Subcommands.Add(ScenarioCommand(name));
        }
        var flooder = new Command("flooder", "child mode: the benchmark's game, run by the node as a server");
        flooder.SetAction(_ => Flooder.Run());
        root.Subcommands.Add(flooder);
        var port = new Option<int>("--port") { Description = "loopback port to listen on", Required = true };
        var ceiling = new Command("ceiling-host", "child mode: the smallest Kestrel app doing the same job (the ceiling)") { port };
        ceiling.SetAction((result, _) => CeilingHost.RunAsync(result.GetRequiredValue(port)));
        root.Subcommands.Add(ceiling);
        root.Options.Add(new HelpOption { Recursive = true });
        return root;
    }

    /// <summary>Parse errors are one line on stderr and exit code 2; <c>--help</c> exits 0.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var result = Create().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Errors.Count > 0 && result.Action is not HelpAction)
        {
            var problem = result.UnmatchedTokens is [var token, ..] ? $"unknown option or argument '{token}'" : result.Errors[0].Message.TrimEnd('.');
            await error.WriteLineAsync($"Aerie.Bench: {problem} (see Aerie.Bench --help)");
            return 2;
        }
        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    private static Command ScenarioCommand(string name)
    {
        var smoke = new Option<bool>("--smoke") { Description = "tiny sizes (what the test suite runs)" };
        var rate = new Option<int?>("--rate") { Description = "fan-out game lines/s (default: the throttle budget, 20,000)" };
        var output = new Option<string>("--out") { Description = "also write the results as JSON", HelpName = "results.json" };
        var command = new Command(name, name == "all" ? "run every scenario" : $"run the {name} scenario") { smoke, rate, output };
        command.SetAction(async (result, _) =>
        {
            var selected = name == "all" ? Scenarios : [name];
            var report = await RunScenariosAsync(selected, result.GetValue(smoke), line => Console.WriteLine(line), result.GetValue(rate));
            Console.WriteLine();
            Console.WriteLine(report.Table());
            Console.WriteLine($"load average at start {report.Machine.LoadAverage}, at end {report.LoadAfter}; {report.Machine.Cores} cores, {report.Machine.MemoryMiB} MiB");
            if (result.GetValue(output) is { } path)
            {
                report.WriteJson(path);
                Console.WriteLine("wrote " + path);
            }
            return 0;
        });
        return command;
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
                    "files" => await FilesScenario.RunAsync(smoke ? FilesScenario.Settings.Smoke : FilesScenario.Settings.Full),
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
