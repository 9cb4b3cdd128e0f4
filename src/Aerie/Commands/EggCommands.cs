using System.CommandLine;
using Aerie.Cli;

namespace Aerie.Commands;

/// <summary><c>aerie egg:import</c> and <c>aerie egg:export</c>; the work is in Aerie.Panel/Operator, tested with the panel.</summary>
internal static class EggCommands
{
    public static Command Import(IReadOnlyDictionary<string, string> environment)
    {
        var file = new Argument<string>("file") { Description = "the egg file (.json, .yaml or .yml; PTDL_v1, PTDL_v2, PLCN_v1-v3)" };
        var nest = new Option<string>("--nest") { Description = "the nest's id or name", Required = true };
        var command = new Command("egg:import", "import an egg into a nest (the same uuid there is updated in place)") { file, nest };
        var settings = PanelSettingOptions.AddTo(command, PanelSettingOptions.Database);
        command.SetAction(OperatorAction.Of(command.Name, settings, environment, (r, panel, output, error) =>
            Panel.Operator.EggTransferCommands.ImportAsync(panel, r.GetRequiredValue(file), r.GetRequiredValue(nest), output, error)));
        return command;
    }

    public static Command Export(IReadOnlyDictionary<string, string> environment)
    {
        var id = new Argument<int>("id") { Description = "the egg's id" };
        var format = new Option<string>("--format") { Description = "json (PTDL_v2, the default) or yaml (PLCN_v3)", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "yaml");
        var command = new Command("egg:export", "print an egg as PTDL_v2 JSON or PLCN_v3 YAML") { id, format };
        var settings = PanelSettingOptions.AddTo(command, PanelSettingOptions.Database);
        command.SetAction(OperatorAction.Of(command.Name, settings, environment, (r, panel, output, error) =>
            Panel.Operator.EggTransferCommands.ExportAsync(panel, r.GetRequiredValue(id), r.GetValue(format) ?? "json", output, error)));
        return command;
    }
}
