using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Aerie.Node.Configuration;

/// <summary>Prints a config as the loader reads it: every key, with the model's own defaults, so the panel's
/// `node:config`, `aerie up`'s node.yml and the node agree on one set of names and values.</summary>
internal static class NodeConfigWriter
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    public static string ToYaml(NodeConfig config) => Serializer.Serialize(config);

    /// <summary>Writes the file readable by its owner only: it holds the node secret.</summary>
    public static void WriteFile(string path, NodeConfig config, string header)
    {
        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600, and narrowed to 0600 if an older copy was wider: no moment where others can read it.
            options.UnixCreateMode = ownerOnly;
            if (File.Exists(path))
            {
                File.SetUnixFileMode(path, ownerOnly);
            }
        }
        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        writer.Write(header + ToYaml(config));
    }
}
