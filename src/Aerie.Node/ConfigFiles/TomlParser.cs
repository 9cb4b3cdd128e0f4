using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Contracts.RemoteApi;
using Tomlyn;
using Tomlyn.Model;

namespace Aerie.Node.ConfigFiles;

/// <summary>
/// The <c>toml</c> parser (Pelican's; Wings has none): the document becomes a JSON tree, gets the json rules and
/// is written back by Tomlyn. A date-time the rules did not touch is written back as the date-time it was.
/// </summary>
internal sealed class TomlParser : IConfigParser
{
    public string Rewrite(string content, IReadOnlyList<ConfigReplacement> rules, ConfigPlaceholders placeholders)
    {
        var model = string.IsNullOrWhiteSpace(content) ? new TomlTable() : TomlSerializer.Deserialize<TomlTable>(content) ?? new TomlTable();
        var dates = new Dictionary<JsonNode, object>(ReferenceEqualityComparer.Instance);
        var rewritten = JsonRewriter.Apply(ToJson(model, dates), rules, placeholders);
        return TomlSerializer.Serialize((TomlTable)ToToml(rewritten, dates)!);
    }

    private static JsonNode? ToJson(object? value, Dictionary<JsonNode, object> dates)
    {
        switch (value)
        {
            case TomlTable table:
                return new JsonObject(table.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value, dates))));
            case TomlTableArray tables:
                return new JsonArray([.. tables.Select(t => ToJson(t, dates))]);
            case TomlArray array:
                return new JsonArray([.. array.Select(v => ToJson(v, dates))]);
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case long l:
                return JsonValue.Create(l);
            case double d:
                return JsonValue.Create(d);
            case null:
                return null;
            default:
                // Date-times (and anything newer TOML adds) are text for the rules, kept as they were otherwise.
                var node = JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                dates[node] = value;
                return node;
        }
    }

    private static object? ToToml(JsonNode? node, Dictionary<JsonNode, object> dates)
    {
        switch (node)
        {
            case JsonObject o:
                var table = new TomlTable();
                foreach (var (key, child) in o)
                {
                    if (ToToml(child, dates) is { } value)
                    {
                        table[key] = value;
                    }
                }
                return table;
            case JsonArray a when a.Count > 0 && a.All(e => e is JsonObject):
                var tables = new TomlTableArray();
                foreach (var child in a)
                {
                    tables.Add((TomlTable)ToToml(child, dates)!);
                }
                return tables;
            case JsonArray a:
                var array = new TomlArray();
                foreach (var child in a)
                {
                    array.Add(ToToml(child, dates));
                }
                return array;
            case JsonValue v when dates.TryGetValue(v, out var original):
                return original;
            case JsonValue v:
                return v.GetValueKind() switch
                {
                    JsonValueKind.String => v.GetValue<string>(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : (object)v.GetValue<double>(),
                    _ => null,
                };
            default:
                return null; // TOML has no null: the key is left out
        }
    }
}
