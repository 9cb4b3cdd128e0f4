using Aerie.Node;
using Aerie.Node.Configuration;

namespace Aerie.Commands;

/// <summary><c>aerie node --config &lt;file&gt;</c>: runs the node daemon until Ctrl-C / SIGTERM.</summary>
internal static class NodeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var index = Array.IndexOf(args, "--config");
        var path = index >= 0 && index + 1 < args.Length ? args[index + 1] : "/etc/aerie/node.yml";
        NodeConfig config;
        try
        {
            config = NodeConfigLoader.LoadFile(path);
        }
        catch (NodeConfigException e)
        {
            await Console.Error.WriteLineAsync("aerie node: " + e.Message);
            return 2;
        }
        try
        {
            await using var app = NodeHost.Build(config);
            await app.RunAsync();
            return 0;
        }
        catch (NodeConfigException e)
        {
            await Console.Error.WriteLineAsync("aerie node: " + e.Message);
            return 2;
        }
    }
}
