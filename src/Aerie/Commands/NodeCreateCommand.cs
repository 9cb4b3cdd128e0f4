using System.CommandLine;
using Aerie.Cli;

namespace Aerie.Commands;

/// <summary><c>aerie node:create</c>; the work is in Aerie.Panel/Operator, tested with the panel.</summary>
internal static class NodeCreateCommand
{
    public static Command Create(IReadOnlyDictionary<string, string> environment)
    {
        var name = new Option<string>("--name") { Description = "the node's name", Required = true };
        var internalUrl = new Option<string>("--internal-url") { Description = "where the panel reaches the node API, e.g. http://10.0.0.5:8080", Required = true };
        var publicUrl = new Option<string>("--public-url") { Description = "where browsers reach the node, e.g. https://node1.example.com:443", Required = true };
        var command = new Command("node:create", "register a node") { name, internalUrl, publicUrl };
        var settings = PanelSettingOptions.AddTo(command, PanelSettingOptions.Database);
        command.SetAction(OperatorAction.Of(command.Name, settings, environment, (r, panel, output, error) =>
            Panel.Operator.NodeCreateCommand.RunAsync(panel, r.GetRequiredValue(name), r.GetRequiredValue(internalUrl), r.GetRequiredValue(publicUrl), output, error)));
        return command;
    }
}
