using System.CommandLine;
using Aerie.Cli;

namespace Aerie.Commands;

/// <summary><c>aerie node:config</c>; the work is in Aerie.Panel/Operator, tested with the panel.</summary>
internal static class NodeConfigCommand
{
    public static Command Create(IReadOnlyDictionary<string, string> environment)
    {
        var node = new Option<string>("--node") { Description = "the node's id or name", Required = true };
        // An https node listens with TLS itself: these say where its certificate lives (default: Certbot's files for its public host).
        var cert = new Option<string?>("--ssl-cert") { Description = "the node's certificate (PEM) path, when its internal URL is https", HelpName = "file" };
        var key = new Option<string?>("--ssl-key") { Description = "the node's private key (PEM) path, when its internal URL is https", HelpName = "file" };
        var command = new Command("node:config", "print a node's ready config.yml (its remote: is the panel's --public-url)") { node, cert, key };
        // The panel's public URL is the config's `remote:`, so it is the panel setting itself, not a second option.
        var settings = PanelSettingOptions.AddTo(command, [.. PanelSettingOptions.Database, "PublicUrl"]);
        command.SetAction(OperatorAction.Of(command.Name, settings, environment, (r, panel, output, error) =>
            Panel.Operator.NodeConfigCommand.RunAsync(panel, r.GetRequiredValue(node), r.GetValue(cert), r.GetValue(key), output, error)));
        return command;
    }
}
