using System.Text.Json;
using Aerie.Contracts;
using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.Servers;

/// <summary>
/// Serialises an audit entry into at most <see cref="ActivityLimits.MaxEntryBytes"/> of JSON before it is queued.
/// When it is too large the longest metadata values (the command text) are cut and end with <see cref="Marker"/>;
/// the JSON itself is never cut, so the panel always receives and stores a document that parses. Sizes are
/// measured on the serialised bytes because the encoder escapes characters such as <c>&lt;</c> to six bytes.
/// </summary>
internal static class ActivityEntryCap
{
    // The panel's column for event names; user and IP come from tokens and sockets, clipped the same way.
    private const int MaxIdentifier = 191;

    /// <summary>What ends a cut value: how many characters were left out.</summary>
    public static string Marker(int cut) => $"…[{cut} characters cut]";

    public static byte[] Serialize(ActivityEntry entry, int maxBytes = ActivityLimits.MaxEntryBytes)
    {
        entry = entry with { Event = Clip(entry.Event)!, User = Clip(entry.User), Ip = Clip(entry.Ip) };
        var json = ToJson(entry);
        if (json.Length <= maxBytes)
        {
            return json;
        }
        var metadata = new Dictionary<string, string>(entry.Metadata, StringComparer.Ordinal);
        foreach (var key in metadata.OrderByDescending(p => p.Value.Length).Select(p => p.Key).ToList())
        {
            if (CutToFit(entry, metadata, key, maxBytes) is { } fitted)
            {
                return fitted;
            }
        }
        // Only many keys could still overflow (never so with this daemon's own events): keep the fact, not the data.
        return ToJson(entry with { Metadata = new Dictionary<string, string> { ["cut"] = Marker(entry.Metadata.Sum(p => p.Value.Length)) } });
    }

    /// <summary>The JSON with the longest prefix of <paramref name="key"/>'s value that fits (binary search), or
    /// null when even an empty prefix does not; the value is then left as the bare marker.</summary>
    private static byte[]? CutToFit(ActivityEntry entry, Dictionary<string, string> metadata, string key, int maxBytes)
    {
        var original = metadata[key];
        byte[]? best = null;
        var (low, high) = (0, original.Length - 1);
        while (low <= high)
        {
            var keep = low + ((high - low) / 2);
            metadata[key] = Cut(original, keep);
            var json = ToJson(entry with { Metadata = metadata });
            if (json.Length <= maxBytes)
            {
                best = json;
                low = keep + 1;
            }
            else
            {
                high = keep - 1;
            }
        }
        metadata[key] = Marker(original.Length);
        return best;
    }

    private static string Cut(string value, int keep)
    {
        // Never split a surrogate pair: half of one would be replaced by U+FFFD on the way.
        if (keep > 0 && char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }
        return value[..keep] + Marker(value.Length - keep);
    }

    private static string? Clip(string? value) => value is { Length: > MaxIdentifier } ? value[..MaxIdentifier] : value;

    private static byte[] ToJson(ActivityEntry entry) => JsonSerializer.SerializeToUtf8Bytes(entry, ContractsJson.Options);
}
