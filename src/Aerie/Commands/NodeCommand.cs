using Aerie.Node;

namespace Aerie.Commands;

/// <summary><c>aerie node [--config &lt;file&gt;] [--data &lt;dir&gt;]</c>: runs the node daemon until Ctrl-C / SIGTERM.
/// <c>--data</c> replaces the file's <c>system.data</c>.</summary>
internal static class NodeCommand
{
    public static Task<int> RunAsync(string[] args) =>
        NodeRunner.RunAsync(Option(args, "--config") ?? "/etc/aerie/node.yml", Option(args, "--data"), Console.Error);

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
