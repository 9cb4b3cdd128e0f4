using System.Text.Json;
using Aerie.Contracts.RemoteApi;
using YamlDotNet.RepresentationModel;

namespace Aerie.Node.Tests.Installs;

/// <summary>The real public eggs of the shared fixtures (<c>shared/fixtures/eggs</c>), read just far enough for an
/// install: the install script, its image and entrypoint, and each variable's default value.</summary>
internal static class FixtureEggs
{
    public static string Folder => SharedFixtures.File("eggs");

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder).Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileName(file));
        }
        return names;
    }

    public static (InstallScript Script, Dictionary<string, string> Variables) Read(string name)
    {
        var path = Path.Combine(Folder, name);
        var text = File.ReadAllText(path);
        return name.EndsWith(".json", StringComparison.Ordinal) ? FromJson(text) : FromYaml(text);
    }

    private static (InstallScript, Dictionary<string, string>) FromJson(string text)
    {
        using var doc = JsonDocument.Parse(text);
        var install = doc.RootElement.GetProperty("scripts").GetProperty("installation");
        var variables = new Dictionary<string, string>();
        foreach (var v in doc.RootElement.GetProperty("variables").EnumerateArray())
        {
            var value = v.GetProperty("default_value");
            variables[v.GetProperty("env_variable").GetString()!] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.ToString();
        }
        return (new InstallScript(install.GetProperty("container").GetString()!, install.GetProperty("entrypoint").GetString()!,
            install.GetProperty("script").GetString()!), variables);
    }

    private static (InstallScript, Dictionary<string, string>) FromYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var install = (YamlMappingNode)((YamlMappingNode)root["scripts"])["installation"];
        var variables = new Dictionary<string, string>();
        foreach (var v in ((YamlSequenceNode)root["variables"]).Children.Cast<YamlMappingNode>())
        {
            variables[Scalar(v["env_variable"])] = v.Children.TryGetValue("default_value", out var d) ? Scalar(d) : "";
        }
        return (new InstallScript(Scalar(install["container"]), Scalar(install["entrypoint"]), Scalar(install["script"])), variables);
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";
}
