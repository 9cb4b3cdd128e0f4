using System.Text.Json.Serialization;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.Servers;

/// <summary>A server as the administration API shows it: every stored field.</summary>
internal sealed record AdminServerView(
    [property: JsonPropertyName("uuid")] Guid Uuid,
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("ownerUuid")] Guid? OwnerUuid,
    [property: JsonPropertyName("nodeId")] int? NodeId,
    [property: JsonPropertyName("suspended")] bool Suspended,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("invocation")] string Invocation,
    [property: JsonPropertyName("environment")] Dictionary<string, string> Environment,
    [property: JsonPropertyName("done")] List<string> Done,
    [property: JsonPropertyName("stopType")] string StopType,
    [property: JsonPropertyName("stopValue")] string StopValue,
    [property: JsonPropertyName("memoryMb")] long MemoryMb,
    [property: JsonPropertyName("cpuPercent")] int CpuPercent,
    [property: JsonPropertyName("diskMb")] long DiskMb,
    [property: JsonPropertyName("image")] string Image)
{
    public static AdminServerView Of(GameServer s) => new(
        s.Uuid, s.Identifier, s.Name, s.Description, s.Owner?.Uuid, s.NodeId, s.Suspended, s.Status, s.Invocation,
        Json.Read<Dictionary<string, string>>(s.EnvironmentJson), Json.Read<List<string>>(s.DoneJson),
        s.StopType, s.StopValue, s.MemoryMb, s.CpuPercent, s.DiskMb, s.Image);
}
