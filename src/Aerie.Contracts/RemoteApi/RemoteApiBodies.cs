using System.Text.Json.Serialization;

namespace Aerie.Contracts.RemoteApi;

public sealed record RemoteServerEntry(
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("settings")] ServerSettings Settings,
    [property: JsonPropertyName("process_configuration")] ProcessConfiguration ProcessConfiguration);

public sealed record PageMeta(
    [property: JsonPropertyName("current_page")] int CurrentPage,
    [property: JsonPropertyName("last_page")] int LastPage,
    [property: JsonPropertyName("per_page")] int PerPage,
    [property: JsonPropertyName("total")] int Total);

public sealed record RemoteServerPage(
    [property: JsonPropertyName("data")] IReadOnlyList<RemoteServerEntry> Data,
    [property: JsonPropertyName("meta")] PageMeta Meta);

public sealed record InstallScript(
    [property: JsonPropertyName("container_image")] string ContainerImage,
    [property: JsonPropertyName("entrypoint")] string Entrypoint,
    [property: JsonPropertyName("script")] string Script);

public sealed record InstallStatus(
    [property: JsonPropertyName("successful")] bool Successful,
    [property: JsonPropertyName("reinstall")] bool Reinstall);

public sealed record ActivityBatch([property: JsonPropertyName("data")] IReadOnlyList<ActivityEntry> Data);

/// <summary>One audit record a node reports; <c>event</c> like <c>server:console.command</c>, timestamp RFC 3339.</summary>
public sealed record ActivityEntry(
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, string> Metadata,
    [property: JsonPropertyName("ip")] string? Ip,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp);

public static class ActivityEvents
{
    public const string ConsoleCommand = "server:console.command";
    public const string PowerStart = "server:power.start";
    public const string PowerStop = "server:power.stop";
    public const string PowerRestart = "server:power.restart";
    public const string PowerKill = "server:power.kill";

    public static string Power(string action) => "server:power." + action;
}

/// <summary>The panel's answer when it refused some entries of a batch (200; 204 when it stored all of them).
/// A refused entry is permanently bad (unknown server, too large): the node does not send it again.</summary>
public sealed record ActivityBatchResult([property: JsonPropertyName("rejected")] IReadOnlyList<ActivityRejection> Rejected);

/// <summary>One refused entry: its position in the batch and why.</summary>
public sealed record ActivityRejection(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("error")] string Error);
