using System.Text.Json;
using Aerie.Contracts.RemoteApi;
using Aerie.Node.ConfigFiles;

namespace Aerie.Node.Tests.ConfigFiles;

/// <summary>Builds the rules a panel sends, and reads real eggs' <c>config.files</c> into them the way spec 05 §4 says.</summary>
internal static class Rules
{
    public static ConfigReplacement Set(string match, object replaceWith, string? ifValue = null) =>
        new(match, JsonSerializer.SerializeToElement(replaceWith), ifValue);

    public static string Apply(string parser, string content, params ConfigReplacement[] rules) =>
        ConfigParsers.For(parser)!.Rewrite(content, rules, new ConfigPlaceholders("172.18.0.1"));

    /// <summary>One egg's file entry: each <c>find</c> pair, with placeholders replaced by <paramref name="values"/>.</summary>
    public static ConfigReplacement[] FromEgg(string egg, string file, IReadOnlyDictionary<string, string> values)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedFixtures.File("eggs/" + egg)));
        var files = document.RootElement.GetProperty("config").GetProperty("files");
        using var parsed = JsonDocument.Parse(files.ValueKind == JsonValueKind.String ? files.GetString()! : files.GetRawText());
        var rules = new List<ConfigReplacement>();
        foreach (var pair in parsed.RootElement.GetProperty(file).GetProperty("find").EnumerateObject())
        {
            var text = pair.Value.GetString()!;
            foreach (var (key, value) in values)
            {
                text = text.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
            }
            rules.Add(Set(pair.Name, text));
        }
        return [.. rules];
    }
}
