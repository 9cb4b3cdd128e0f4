using System.Text.Json;

namespace Aerie.Node.WebSockets;

/// <summary>Parses <c>{"event":"..","args":[..]}</c>. args missing, <c>[]</c> or <c>[null]</c> all mean none;
/// anything else malformed is reported as unparsable (the frame is dropped, the socket kept).</summary>
internal static class InboundFrame
{
    public static bool TryParse(ReadOnlySpan<byte> utf8, out string name, out string[] args)
    {
        name = "";
        args = [];
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("event", out var ev) || ev.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            name = ev.GetString()!;
            if (!root.TryGetProperty("args", out var list) || list.ValueKind == JsonValueKind.Null)
            {
                return true;
            }
            if (list.ValueKind != JsonValueKind.Array)
            {
                return false;
            }
            var values = new List<string>();
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    values.Add(item.GetString()!);
                }
                else if (item.ValueKind != JsonValueKind.Null)
                {
                    return false;
                }
            }
            args = [.. values];
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
