using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aerie.Panel.Activity;

/// <summary>Reads a stored row's metadata for the activity list, whatever the row holds: older releases stored
/// JSON cut mid-string, and one bad row must not turn the whole log into an error. A document that does not parse,
/// or is not an object, reads as empty; values keep their JSON kind.</summary>
internal static class ActivityMetadata
{
    public static JsonObject Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
