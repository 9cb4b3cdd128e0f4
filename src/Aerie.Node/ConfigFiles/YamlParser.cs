using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Contracts.RemoteApi;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Aerie.Node.ConfigFiles;

/// <summary>
/// The <c>yaml</c>/<c>yml</c> parser: the document becomes a JSON tree (plain scalars typed by YAML's core schema,
/// quoted ones strings), gets the json rules, and is written back with keys sorted; comments are lost, as in Wings.
/// </summary>
internal sealed class YamlParser : IConfigParser
{
    private static readonly ISerializer Writer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .WithIndentedSequences()
        .DisableAliases()
        .WithNewLine("\n")
        .Build();

    public string Rewrite(string content, IReadOnlyList<ConfigReplacement> rules, ConfigPlaceholders placeholders)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(content));
        var document = stream.Documents.Count == 0 ? null : ToJson(stream.Documents[0].RootNode);
        var rewritten = JsonRewriter.Apply(document is JsonObject or JsonArray ? document : null, rules, placeholders);
        return Writer.Serialize(ToGraph(rewritten));
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", ToJson(p.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text.StartsWith('t') || text.StartsWith('T'));
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }
        if (text.Any(char.IsDigit) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }
        return JsonValue.Create(text);
    }

    private static object? ToGraph(JsonNode? node) => node switch
    {
        JsonObject o => new SortedDictionary<string, object?>(o.ToDictionary(p => p.Key, p => ToGraph(p.Value)), StringComparer.Ordinal),
        JsonArray a => a.Select(ToGraph).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : (object)v.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}
