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

/// <summary>POST /api/servers/{uuid}/ws/deny. <see cref="RevokedAt"/> (Aerie's extra field, Wings ignores it) is the
/// panel's clock (unix s) at the revocation: the node compares the panel-minted <c>iat</c> with it, not with its own clock.</summary>
public sealed record DenyRequest(
    [property: JsonPropertyName("jtis")] IReadOnlyList<string> Jtis,
    [property: JsonPropertyName("revoked_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? RevokedAt = null);

/// <summary>POST /api/deauthorize-user. Aerie's extra fields, which Wings ignores: <see cref="RevokedAt"/> as in
/// <see cref="DenyRequest"/>; <see cref="Grant"/> narrows the revocation to tokens minted through one panel session or
/// API key (their <c>aerie_grant</c> claim), so a logout does not close the user's other consoles. Wings, ignoring it,
/// deauthorizes the user on those servers, which is the safe superset.</summary>
public sealed record DeauthorizeUserRequest(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("servers")] IReadOnlyList<string>? Servers = null,
    [property: JsonPropertyName("revoked_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? RevokedAt = null,
    [property: JsonPropertyName("grant"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Grant = null);
