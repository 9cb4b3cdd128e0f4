using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Aerie.Node.Configuration;

/// <summary>Reads the YAML config (underscored keys), then validates it; errors name the file and the key.</summary>
internal static class NodeConfigLoader
{
    public static NodeConfig LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigException($"{path}: cannot read the file: {e.Message}", e);
        }
        return Parse(text, path);
    }

    public static NodeConfig Parse(string yaml, string source)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build();
        NodeConfig? config;
        try
        {
            config = deserializer.Deserialize<NodeConfig?>(yaml);
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new NodeConfigException($"{source}: line {e.Start.Line}, column {e.Start.Column}: {reason}", e);
        }
        config ??= new NodeConfig();
        var problem = NodeConfigValidator.FirstProblem(config);
        return problem is null ? config : throw new NodeConfigException($"{source}: {problem}");
    }
}
