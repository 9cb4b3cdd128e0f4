using System.Text.Json.Nodes;
using Aerie.Panel.Api;

namespace Aerie.Panel.ClientServers;

/// <summary>Path fields of the file routes, read untrimmed (a trailing space is a valid name, spec 04 §2.7); failures
/// are recorded on the <see cref="ApiInput"/> like its own rules.</summary>
internal static class FileInput
{
    /// <summary><c>//</c> collapsed (jspteroapi sends <c>%2F</c> + dir); confinement is the node's job.</summary>
    public static string Normalise(string? path)
    {
        var value = path ?? "";
        while (value.Contains("//", StringComparison.Ordinal))
        {
            value = value.Replace("//", "/", StringComparison.Ordinal);
        }
        return value;
    }

    public static string? Path(ApiInput input, string field, bool required, JsonNode? node = null, string? name = null)
    {
        node ??= input.Raw[field];
        name ??= field;
        if (node is null || node is JsonValue v && v.TryGetValue<string>(out var empty) && empty.Length == 0)
        {
            if (required)
            {
                input.Fail(name, "required", $"The {ApiInput.Name(name)} field is required.");
            }
            return null;
        }
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            input.Fail(name, "string", $"The {ApiInput.Name(name)} field must be a string.");
            return null;
        }
        return Normalise(text);
    }

    public static List<string> Paths(ApiInput input, string field)
    {
        var result = new List<string>();
        if (input.Raw[field] is not JsonArray array || array.Count == 0)
        {
            input.Fail(field, input.Raw[field] is null or JsonArray ? "required" : "array", $"The {field} field is required.");
            return result;
        }
        for (var i = 0; i < array.Count; i++)
        {
            if (Path(input, field, required: true, array[i], $"{field}.{i}") is { } path)
            {
                result.Add(path);
            }
        }
        return result;
    }

    /// <summary>Items of an array of objects (<c>files</c> of rename and chmod).</summary>
    public static List<JsonObject> Objects(ApiInput input, string field)
    {
        var result = new List<JsonObject>();
        if (input.Raw[field] is not JsonArray array || array.Count == 0)
        {
            input.Fail(field, "required", $"The {field} field is required.");
            return result;
        }
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item)
            {
                result.Add(item);
            }
            else
            {
                input.Fail($"{field}.{i}", "array", $"The {field}.{i} field must be an array.");
            }
        }
        return result;
    }

    public static JsonArray Array(IEnumerable<string> items) => [.. items.Select(i => (JsonNode?)JsonValue.Create(i))];
}
