using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Api;

/// <summary>
/// A form body as the JSON object PHP would build from it: <c>a[]=x</c> and <c>a[0]=x</c> are arrays,
/// <c>a[b]=x</c> is an object, everything else a string.
/// </summary>
internal static class FormFields
{
    public static JsonObject ToJson(IFormCollection form)
    {
        var root = new JsonObject();
        foreach (var (key, values) in form)
        {
            foreach (var value in values)
            {
                Put(root, Segments(key), value ?? "");
            }
        }
        return root;
    }

    private static List<string> Segments(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open <= 0 || !key.EndsWith(']'))
        {
            return [key];
        }
        var segments = new List<string> { key[..open] };
        segments.AddRange(key[(open + 1)..^1].Split("]["));
        return segments;
    }

    private static void Put(JsonNode parent, List<string> segments, string value)
    {
        var node = parent;
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            var nextIsList = !last && IsIndex(segments[i + 1]);
            JsonNode Fresh() => last ? JsonValue.Create(value) : nextIsList ? new JsonArray() : new JsonObject();
            switch (node)
            {
                case JsonObject obj:
                    if (last || obj[segments[i]] is not (JsonObject or JsonArray))
                    {
                        obj[segments[i]] = Fresh();
                    }
                    node = obj[segments[i]]!;
                    break;
                case JsonArray array:
                    var child = Fresh();
                    array.Add(child);
                    node = child;
                    break;
                default:
                    return;
            }
        }
    }

    private static bool IsIndex(string segment) => segment.Length == 0 || segment.All(char.IsAsciiDigit);
}
