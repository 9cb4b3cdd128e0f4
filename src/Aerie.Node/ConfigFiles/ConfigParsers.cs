namespace Aerie.Node.ConfigFiles;

/// <summary>The parsers by the name templates give them (spec 05 §4.2); <c>yml</c> is an alias of <c>yaml</c>.</summary>
internal static class ConfigParsers
{
    private static readonly Dictionary<string, IConfigParser> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["properties"] = new PropertiesParser(),
        ["file"] = new LineParser(),
        ["yaml"] = new YamlParser(),
        ["yml"] = new YamlParser(),
        ["json"] = new JsonParser(),
        ["ini"] = new IniParser(),
        ["xml"] = new XmlParser(),
        ["toml"] = new TomlParser(),
    };

    public static IConfigParser? For(string name) => ByName.GetValueOrDefault(name);
}
