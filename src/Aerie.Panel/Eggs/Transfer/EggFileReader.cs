using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Aerie.Panel.Eggs.Transfer;

/// <summary>
/// Reads an egg file, JSON or YAML, into one JSON tree so the import reads both the same way. JSON is chosen by a
/// <c>.json</c> name, YAML by <c>.yaml</c>/<c>.yml</c>, else by the first character (<c>{</c> = JSON).
/// Duplicate JSON keys keep the last value, as PHP's <c>json_decode</c> does (published eggs have some,
/// e.g. a variable with two <c>sort</c> keys). YAML scalars follow the core schema: plain <c>true</c>/<c>false</c>
/// are booleans, plain numbers numbers, plain <c>null</c>/<c>~</c>/empty null; quoted scalars are always strings.
/// </summary>
internal static class EggFileReader
{
    private const int MaxDepth = 64;

    /// <exception cref="EggFileError">the text does not parse, or is not a mapping at the top</exception>
    public static JsonObject Read(string text, string? fileName = null)
    {
        var node = IsJson(text, fileName) ? ReadJson(text) : ReadYaml(text);
        return node as JsonObject ?? throw new EggFileError("file", "object", "The file must hold one egg (an object at the top).");
    }

    private static bool IsJson(string text, string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension == ".json")
        {
            return true;
        }
        if (extension is ".yaml" or ".yml")
        {
            return false;
        }
        return text.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal);
    }

    private static JsonNode? ReadJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowTrailingCommas = false });
            return FromElement(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new EggFileError("file", "json", "The file is not valid JSON: " + e.Message);
        }
    }

    private static JsonNode? FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = FromElement(property.Value); // the indexer replaces: last key wins
                }
                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(FromElement(item));
                }
                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    private static JsonNode? ReadYaml(string text)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new EggFileError("file", "yaml", $"The file is not valid YAML: {e.Message} (line {e.Start.Line}).");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some truncated input instead of a YamlException.
            throw new EggFileError("file", "yaml", "The file is not valid YAML: " + e.Message);
        }
        if (stream.Documents.Count != 1)
        {
            throw new EggFileError("file", "yaml", "The file must hold exactly one YAML document.");
        }
        return FromYaml(stream.Documents[0].RootNode, 0);
    }

    private static JsonNode? FromYaml(YamlNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new EggFileError("file", "yaml", "The file is nested too deeply.");
        }
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode { Value: { } k } ? k : throw new EggFileError("file", "yaml", "The file has a mapping key that is not text.");
                    obj[name] = FromYaml(value, depth + 1);
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(FromYaml(item, depth + 1));
                }
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new EggFileError("file", "yaml", "The file uses a YAML feature eggs do not use (aliases).");
        }
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(value);
        }
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }
        if (value.Length > 0 && (char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.')
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }
        return JsonValue.Create(value);
    }
}
