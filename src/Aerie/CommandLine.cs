using Aerie.Commands;

namespace Aerie;

/// <summary>Dispatches the first argument to a command. Each command parses its own options.</summary>
internal static class CommandLine
{
    private static readonly Dictionary<string, (string Help, Func<string[], Task<int>> Run)> Commands = new(StringComparer.Ordinal)
    {
        // Each area registers its commands here, one line each.
        ["version"] = ("print the version", VersionCommand.RunAsync),
        ["node"] = ("run a node daemon: aerie node --config <file>", NodeCommand.RunAsync),
        ["panel"] = ("run the panel (--listen, --public-url, --data, --database)", PanelCommand.RunAsync),
        ["user:create"] = ("create a panel user (--username --email [--password] [--admin])", UserCreateCommand.RunAsync),
        ["apikey:create"] = ("create a client API key for a user (--user), printed once", ApiKeyCreateCommand.RunAsync),
        ["node:create"] = ("register a node (--name --internal-url --public-url)", NodeCreateCommand.RunAsync),
        ["node:config"] = ("print a node's ready config.yml (--node <id|name>)", NodeConfigCommand.RunAsync),
        ["server:create"] = ("create a server (--name --owner --node --invocation [--env K=V]...)", ServerCreateCommand.RunAsync),
        ["up"] = ("panel + local node + demo server on loopback (--data --panel-port --node-port)", UpCommand.RunAsync),
        ["subuser:add"] = ("add a subuser (--server --user <email> --permissions a,b,c)", SubuserAddCommand.RunAsync),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help" || !Commands.TryGetValue(args[0], out var command))
        {
            var unknown = args.Length > 0 && args[0] is not ("-h" or "--help" or "help");
            var writer = unknown ? Console.Error : Console.Out;
            if (unknown)
            {
                await writer.WriteLineAsync($"aerie: unknown command '{args[0]}'");
            }
            await writer.WriteLineAsync("usage: aerie <command> [options]\n\ncommands:");
            foreach (var (name, (help, _)) in Commands.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                await writer.WriteLineAsync($"  {name,-18} {help}");
            }
            return unknown ? 2 : 0;
        }
        return await command.Run(args[1..]);
    }
}
