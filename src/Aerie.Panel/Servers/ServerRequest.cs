using System.Text.Json.Serialization;

namespace Aerie.Panel.Servers;

/// <summary>Create/patch body of <c>/api/application/servers</c>.</summary>
internal sealed record ServerRequest(
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("ownerUuid")] Guid? OwnerUuid = null,
    [property: JsonPropertyName("nodeId")] int? NodeId = null,
    [property: JsonPropertyName("invocation")] string? Invocation = null,
    [property: JsonPropertyName("environment")] Dictionary<string, string>? Environment = null,
    [property: JsonPropertyName("done")] List<string>? Done = null,
    [property: JsonPropertyName("stopType")] string? StopType = null,
    [property: JsonPropertyName("stopValue")] string? StopValue = null,
    [property: JsonPropertyName("memoryMb")] long? MemoryMb = null,
    [property: JsonPropertyName("cpuPercent")] int? CpuPercent = null,
    [property: JsonPropertyName("diskMb")] long? DiskMb = null,
    [property: JsonPropertyName("image")] string? Image = null);
