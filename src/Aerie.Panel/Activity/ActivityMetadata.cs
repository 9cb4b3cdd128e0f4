using System.Text.Json;

namespace Aerie.Panel.Activity;

/// <summary>Reads a stored row's metadata for the activity view, whatever the row holds: older releases stored
/// JSON cut mid-string, and one bad row must not turn the whole log into an error. A document that does not parse,
/// or is not an object, reads as empty; a value that is not a string is shown as its JSON text.</summary>
internal static class ActivityMetadata
{
    public static Dictionary<string, string> Read(string? json)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return metadata;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return metadata;
            }
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                metadata[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }
        catch (JsonException)
        {
            metadata.Clear();
        }
        return metadata;
    }
}
