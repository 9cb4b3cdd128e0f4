using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Aerie.Node.Configuration;

/// <summary>Reads the YAML config, binds it key by key, then validates it; every error is one line naming the
/// file and the key.</summary>
internal static class NodeConfigLoader
{
    /// <param name="dataOverride">Replaces <c>system.data</c> (e.g. to run an existing Wings file from a writable folder).</param>
    public static LoadedNodeConfig LoadFile(string path, string? dataOverride = null)
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
        return Parse(text, path, dataOverride);
    }

    public static LoadedNodeConfig Parse(string yaml, string source, string? dataOverride = null)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new NodeConfigException($"{source}: line {e.Start.Line}, column {e.Start.Column}: {reason}", e);
        }
        var binder = new NodeConfigBinder(source);
        var config = binder.Bind(stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null);
        if (dataOverride is not null)
        {
            config.System.Data = dataOverride;
        }
        var problem = NodeConfigValidator.FirstProblem(config);
        if (problem is not null)
        {
            throw new NodeConfigException($"{source}: {problem}");
        }
        List<string> warnings = binder.Ignored.Count == 0 ? []
            : [$"{source}: ignoring Wings keys Aerie does not use: {string.Join(", ", binder.Ignored)}"];
        return new LoadedNodeConfig(config, warnings);
    }
}
