using System.Text.Json.Serialization;

namespace Aerie.Contracts.RemoteApi;

/// <summary>The server configuration document the panel serves to nodes (spec 03).</summary>
public sealed record ServerConfiguration(
    [property: JsonPropertyName("settings")] ServerSettings Settings,
    [property: JsonPropertyName("process_configuration")] ProcessConfiguration ProcessConfiguration);

public sealed record ServerSettings(
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("meta")] ServerMeta Meta,
    [property: JsonPropertyName("suspended")] bool Suspended,
    [property: JsonPropertyName("environment")] IReadOnlyDictionary<string, string> Environment,
    [property: JsonPropertyName("invocation")] string Invocation,
    [property: JsonPropertyName("build")] BuildSettings Build,
    [property: JsonPropertyName("container")] ContainerSettings Container,
    [property: JsonPropertyName("allocations")] Allocations Allocations,
    [property: JsonPropertyName("crash_detection_enabled")] bool CrashDetectionEnabled = true,
    [property: JsonPropertyName("skip_egg_scripts")] bool SkipEggScripts = false,
    [property: JsonPropertyName("egg")] EggSettings? Egg = null);

/// <summary>The server's egg as Wings reads it (<c>settings.egg</c>): its uuid and the gitignore-style
/// <c>file_denylist</c> the file API and SFTP refuse (spec 06 §5).</summary>
public sealed record EggSettings(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("file_denylist")] IReadOnlyList<string> FileDenylist);

public sealed record ServerMeta(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description = "");

/// <summary>Limits: memory and swap in MiB, cpu in % of one core (0 = unlimited), disk in MiB.</summary>
public sealed record BuildSettings(
    [property: JsonPropertyName("memory_limit")] long MemoryLimit = 0,
    [property: JsonPropertyName("swap")] long Swap = 0,
    [property: JsonPropertyName("io_weight")] int IoWeight = 500,
    [property: JsonPropertyName("cpu_limit")] int CpuLimit = 0,
    [property: JsonPropertyName("threads")] string? Threads = null,
    [property: JsonPropertyName("disk_space")] long DiskSpace = 0,
    [property: JsonPropertyName("oom_disabled")] bool OomDisabled = false);

public sealed record ContainerSettings([property: JsonPropertyName("image")] string Image = "");

/// <summary>The server's ports (spec 05 §8): <c>default</c> is the primary, <c>mappings</c> every allocation (primary
/// included) by IP; <c>force_outgoing_ip</c> is the egg's flag (SNAT to the primary IP on the docker runtime).</summary>
public sealed record Allocations(
    [property: JsonPropertyName("default")] AllocationAddress Default,
    [property: JsonPropertyName("mappings")] IReadOnlyDictionary<string, IReadOnlyList<int>> Mappings,
    [property: JsonPropertyName("force_outgoing_ip")] bool ForceOutgoingIp = false);

public sealed record AllocationAddress(
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("port")] int Port);

public sealed record ProcessConfiguration(
    [property: JsonPropertyName("startup")] StartupConfiguration Startup,
    [property: JsonPropertyName("stop")] StopConfiguration Stop,
    [property: JsonPropertyName("configs")] IReadOnlyList<ConfigFile>? Configs = null);

/// <summary>One config file the node rewrites before every start (spec 05 §4): the panel has already resolved its
/// <c>{{server.*}}</c>/<c>{{env.*}}</c> placeholders; <c>{{config.*}}</c> ones are the node's.</summary>
public sealed record ConfigFile(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("parser")] string Parser,
    [property: JsonPropertyName("replace")] IReadOnlyList<ConfigReplacement> Replace,
    [property: JsonPropertyName("create_file")] bool? CreateFile = null);

/// <summary>A match and its replacement. <c>replace_with</c> is kept as JSON: stock panels send strings, numbers or
/// booleans, and the json/yaml parsers write the type they were given (spec 05 §4.2).</summary>
public sealed record ConfigReplacement(
    [property: JsonPropertyName("match")] string Match,
    [property: JsonPropertyName("replace_with")] System.Text.Json.JsonElement ReplaceWith,
    [property: JsonPropertyName("if_value")] string? IfValue = null);

/// <summary>Done markers: a substring, or a regex when written <c>regex:&lt;pattern&gt;</c>.</summary>
public sealed record StartupConfiguration(
    [property: JsonPropertyName("done")] IReadOnlyList<string> Done,
    [property: JsonPropertyName("strip_ansi")] bool StripAnsi = false)
{
    /// <summary>Always empty (spec 05 §3); stock panels send the key, so Wings-compatible nodes find it.</summary>
    [JsonPropertyName("user_interaction")]
    public IReadOnlyList<string> UserInteraction { get; init; } = [];
}

/// <summary>Stop action: <c>type</c> is <c>command</c> or <c>signal</c>; <c>value</c> the command or signal name.</summary>
public sealed record StopConfiguration(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] string Value);
