using System.CommandLine;
using Aerie.Node;

namespace Aerie.Commands;

/// <summary><c>aerie node [--config &lt;file&gt;] [--data &lt;dir&gt;]</c>: runs the node daemon until Ctrl-C / SIGTERM.
/// <c>--data</c> replaces the file's <c>system.data</c>.</summary>
internal static class NodeCommand
{
    public const string DefaultConfig = "/etc/aerie/node.yml";

    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "the node's config.yml", HelpName = "file", DefaultValueFactory = _ => DefaultConfig };
        var data = new Option<string?>("--data") { Description = "replaces the file's system.data (where server folders and state live)", HelpName = "dir" };
        var command = new Command("node", "run a node daemon") { config, data };
        command.SetAction((result, ct) => NodeRunner.RunAsync(result.GetRequiredValue(config), result.GetValue(data), result.InvocationConfiguration.Error, stop: ct));
        return command;
    }
}
