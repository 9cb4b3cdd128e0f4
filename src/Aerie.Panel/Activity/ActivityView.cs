using System.Text.Json.Serialization;
using Aerie.Panel.Data;

namespace Aerie.Panel.Activity;

internal sealed record ActivityView(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("userUuid")] Guid? UserUuid,
    [property: JsonPropertyName("ip")] string? Ip,
    [property: JsonPropertyName("userAgent")] string? UserAgent,
    [property: JsonPropertyName("metadata")] Dictionary<string, string> Metadata,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp)
{
    public static ActivityView Of(ActivityRecord a) =>
        new(a.Event, a.UserUuid, a.Ip, a.UserAgent, ActivityMetadata.Read(a.MetadataJson), a.Timestamp);
}
