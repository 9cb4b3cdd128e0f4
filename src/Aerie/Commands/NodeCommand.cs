using System.CommandLine;
using Aerie.Node;
using Aerie.Node.Configuration;

namespace Aerie.Commands;

/// <summary><c>aerie node [--config &lt;file&gt;]</c>: runs the node daemon until Ctrl-C / SIGTERM.</summary>
internal static class NodeCommand
{
    public const string DefaultConfig = "/etc/aerie/node.yml";

    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "the node's config.yml", HelpName = "file", DefaultValueFactory = _ => DefaultConfig };
        var command = new Command("node", "run a node daemon") { config };
        command.SetAction((result, _) => RunAsync(result.GetRequiredValue(config), result.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(string path, TextWriter error)
    {
        try
        {
            var config = NodeConfigLoader.LoadFile(path);
            await using var app = NodeHost.Build(config);
            await app.RunAsync();
            return 0;
        }
        catch (NodeConfigException e)
        {
            await error.WriteLineAsync("aerie node: " + e.Message);
            return 2;
        }
    }
}
