using Aerie.Node.Configuration;
using Aerie.Panel.Nodes;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Aerie.Up;

/// <summary>
/// The local node's config: the panel's ready config (the same one `aerie node:config` prints), narrowed to
/// loopback and the data folder, written to <c>&lt;data&gt;/node.yml</c> (0600: it holds the secret) and read
/// back through the node's own loader, so `aerie up` runs exactly what `aerie node --config` would.
/// </summary>
internal static class UpNodeConfig
{
    public static NodeConfig Write(UpProvisioned provisioned, string panelUrl, int nodePort, string dataFolder, Action<NodeConfig>? tweak)
    {
        var path = Path.Combine(dataFolder, "node.yml");
        var config = NodeConfigLoader.Parse(NodeConfigYaml.Render(provisioned.Node, provisioned.NodeSecret, panelUrl), "the panel's node config");
        config.Api.Host = "127.0.0.1";
        config.Api.Port = nodePort;
        config.System.Data = Path.Combine(dataFolder, "node");
        // `remote` (the panel URL) is already an allowed Origin; a browser may also use the localhost name.
        config.AllowedOrigins = [panelUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)];
        tweak?.Invoke(config);
        var yaml = new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).DisableAliases().Build().Serialize(config);
        File.WriteAllText(path, "# Written by `aerie up` at every start; edits are overwritten.\n" + yaml);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return NodeConfigLoader.LoadFile(path);
    }
}
