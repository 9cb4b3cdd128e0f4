using System.Text.Json.Serialization;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;

namespace Aerie.Contracts.NodeApi;

public sealed record SystemInfo(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("kernel_version")] string KernelVersion,
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("cpu_count")] int CpuCount);

/// <summary>GET /api/servers/{uuid}: the panel's preflight.</summary>
public sealed record ServerDetails(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("is_suspended")] bool IsSuspended,
    [property: JsonPropertyName("utilization")] StatsPayload Utilization,
    [property: JsonPropertyName("configuration")] ServerSettings Configuration);

public sealed record CreateServerRequest(
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("start_on_completion")] bool StartOnCompletion = false);

public sealed record PowerRequest(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("wait_seconds")] int? WaitSeconds = null);

public sealed record CommandsRequest([property: JsonPropertyName("commands")] IReadOnlyList<string> Commands);

public sealed record LogsResponse([property: JsonPropertyName("data")] IReadOnlyList<string> Data);

public sealed record DenyRequest([property: JsonPropertyName("jtis")] IReadOnlyList<string> Jtis);

public sealed record DeauthorizeUserRequest(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("servers")] IReadOnlyList<string>? Servers = null);
