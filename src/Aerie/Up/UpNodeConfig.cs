using Aerie.Node.Configuration;
using Aerie.Panel.Nodes;

namespace Aerie.Up;

/// <summary>
/// The local node's config: the panel's ready config (the same one `aerie node:config` prints), narrowed to
/// loopback and the data folder, validated as the node's loader would, and written to <c>&lt;data&gt;/node.yml</c>
/// (0600: it holds the secret) for the record, so `aerie node --config` on that file runs the same node.
/// </summary>
internal static class UpNodeConfig
{
    public static NodeConfig Write(UpProvisioned provisioned, string panelUrl, int nodePort, string dataFolder, Action<NodeConfig>? tweak)
    {
        var path = Path.Combine(dataFolder, "node.yml");
        var config = NodeConfigYaml.Build(provisioned.Node, provisioned.NodeSecret, panelUrl);
        config.Api.Host = "127.0.0.1";
        config.Api.Port = nodePort;
        config.System.Data = Path.Combine(dataFolder, "node");
        config.System.BackupDirectory = Path.Combine(dataFolder, "backups");
        // `remote` (the panel URL) is already an allowed Origin; a browser may also use the localhost name.
        config.AllowedOrigins = [panelUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)];
        // The demo game and the .NET it runs on are read from beside `aerie`; with no bubblewrap `aerie up` still
        // runs, unsandboxed, and says so (the banner).
        config.System.ProcessRuntime.AllowUnsandboxed = true;
        config.System.ProcessRuntime.ReadOnlyPaths = [Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), DemoGameLocator.DotnetRoot()];
        tweak?.Invoke(config);
        if (NodeConfigValidator.FirstProblem(config) is { } problem)
        {
            throw new NodeConfigException($"{path}: {problem}");
        }
        NodeConfigWriter.WriteFile(path, config, "# Written by `aerie up` at every start; edits are overwritten.\n");
        return config;
    }
}
