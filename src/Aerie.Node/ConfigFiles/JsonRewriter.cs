using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.ConfigFiles;

/// <summary>
/// The rules of the json parser applied to a document tree; yaml and toml convert to this tree and back (spec 05
/// §4.2). Per rule: walk the path (creating missing objects), then write the value with the type rules — the
/// existing value's type when there is one, else a JSON boolean, an integer literal as a number, any other text
/// as a string. <c>if_value</c>: the path must exist and its text equal it; <c>regex:</c> replaces within it.
/// </summary>
internal static class JsonRewriter
{
    private const string RegexPrefix = "regex:";

    public static JsonNode Apply(JsonNode? document, IReadOnlyList<ConfigReplacement> rules, ConfigPlaceholders placeholders)
    {
        var root = document ?? new JsonObject();
        foreach (var rule in rules)
        {
            var segments = JsonPath.Split(rule.Match);
            if (segments.Count == 0 || segments.Any(s => s.Length == 0))
            {
                continue;
            }
            var replacement = rule.ReplaceWith.ValueKind == JsonValueKind.String
                ? JsonSerializer.SerializeToElement(placeholders.Resolve(rule.ReplaceWith.GetString()!))
                : rule.ReplaceWith;
            Visit(root, segments, 0, rule.IfValue, replacement);
        }
        return root;
    }

    private static void Visit(JsonNode node, List<string> segments, int at, string? ifValue, JsonElement replacement)
    {
        var segment = segments[at];
        if (segment == JsonPath.Wildcard)
        {
            foreach (var child in Children(node))
            {
                if (at + 1 == segments.Count)
                {
                    SetChild(node, child.Key, ifValue, replacement);
                }
                else if (child.Value is JsonObject or JsonArray)
                {
                    Visit(child.Value, segments, at + 1, ifValue, replacement);
                }
            }
            return;
        }
        var key = JsonPath.Key(segment);
        if (at + 1 == segments.Count)
        {
            SetChild(node, key, ifValue, replacement);
            return;
        }
        var next = Child(node, key);
        if (next is null)
        {
            // With if_value the path must already exist; otherwise missing objects are created.
            if (ifValue is not null || node is not JsonObject parent)
            {
                return;
            }
            next = new JsonObject();
            parent[key] = next;
        }
        if (next is JsonObject or JsonArray)
        {
            Visit(next, segments, at + 1, ifValue, replacement);
        }
    }

    private static List<KeyValuePair<string, JsonNode?>> Children(JsonNode node) => node switch
    {
        JsonObject o => [.. o],
        JsonArray a => [.. a.Select((v, i) => KeyValuePair.Create(i.ToString(CultureInfo.InvariantCulture), v))],
        _ => [],
    };

    private static JsonNode? Child(JsonNode node, string key) => node switch
    {
        JsonObject o => o[key],
        JsonArray a when Index(a, key) is { } i => a[i],
        _ => null,
    };

    private static int? Index(JsonArray array, string key) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count ? i : null;

    private static void SetChild(JsonNode node, string key, string? ifValue, JsonElement replacement)
    {
        var exists = node switch
        {
            JsonObject o => o.ContainsKey(key),
            JsonArray a => Index(a, key) is not null,
            _ => false,
        };
        if (!exists && node is not JsonObject)
        {
            return; // an array index past the end cannot be created
        }
        var current = exists ? Child(node, key) : null;
        JsonValue? value;
        if (ifValue is not null)
        {
            if (!exists || current is JsonObject or JsonArray)
            {
                return;
            }
            var text = Text(current);
            if (ifValue.StartsWith(RegexPrefix, StringComparison.Ordinal))
            {
                var pattern = new Regex(ifValue[RegexPrefix.Length..], RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                if (!pattern.IsMatch(text))
                {
                    return;
                }
                value = Typed(current, pattern.Replace(text, ConfigValue.Text(replacement)), replacement, exists);
            }
            else if (text == ifValue)
            {
                value = Typed(current, ConfigValue.Text(replacement), replacement, exists);
            }
            else
            {
                return;
            }
        }
        else
        {
            value = Typed(current, ConfigValue.Text(replacement), replacement, exists);
        }
        switch (node)
        {
            case JsonObject o: o[key] = value; break;
            case JsonArray a: a[Index(a, key)!.Value] = value; break;
        }
    }

    /// <summary>The type rules: an existing bool/number/string keeps its type when the text fits it.</summary>
    private static JsonValue? Typed(JsonNode? current, string text, JsonElement replacement, bool exists)
    {
        if (exists && current is JsonValue existing)
        {
            switch (existing.GetValueKind())
            {
                case JsonValueKind.True or JsonValueKind.False:
                    return bool.TryParse(text, out var b) ? JsonValue.Create(b) : JsonValue.Create(text);
                case JsonValueKind.Number:
                    return Number(text) ?? JsonValue.Create(text);
                case JsonValueKind.String:
                    return JsonValue.Create(text);
            }
        }
        if (replacement.ValueKind is JsonValueKind.True or JsonValueKind.False && text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? JsonValue.Create(integer)
            : JsonValue.Create(text);
    }

    private static JsonValue? Number(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real)
            ? JsonValue.Create(real)
            : null;
    }

    /// <summary>A value as text, as <c>if_value</c> is compared: strings unquoted, numbers and booleans as written.</summary>
    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
