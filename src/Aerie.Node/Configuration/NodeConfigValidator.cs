using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Aerie.Node.Environments.Docker;

namespace Aerie.Node.Configuration;

/// <summary>Checks a config once at start-up, whether read from a file or built in code (<c>aerie up</c>):
/// returns "key.path: what is wrong" or null. Number ranges come from <see cref="KeyRangeAttribute"/>.</summary>
internal static partial class NodeConfigValidator
{
    public static string? FirstProblem(NodeConfig c)
    {
        if (c.Token.Length < 32)
        {
            return "token: must be at least 32 characters (HS256 needs a 256-bit secret)";
        }
        if (RangeProblem(c, "") is { } range)
        {
            return range;
        }
        if (!IsListenAddress(c.Api.Host))
        {
            return $"api.host: expected an IP address (or 0.0.0.0, ::, localhost), got '{c.Api.Host}'";
        }
        if (c.Runtime is not ("process" or "docker"))
        {
            return $"runtime: expected 'process' or 'docker', got '{c.Runtime}'";
        }
        if (DockerProblem(c.Docker) is { } docker)
        {
            return docker;
        }
        if (string.IsNullOrWhiteSpace(c.System.Data))
        {
            return "system.data: is required";
        }
        if (!TimeZones.IsIana(c.System.Timezone))
        {
            return $"system.timezone: expected an IANA time zone (e.g. Europe/Berlin, UTC), got '{c.System.Timezone}'";
        }
        if (string.IsNullOrWhiteSpace(c.System.TmpDirectory))
        {
            return "system.tmp_directory: is required";
        }
        if (string.IsNullOrWhiteSpace(c.System.LogDirectory))
        {
            return "system.log_directory: is required";
        }
        if (string.IsNullOrWhiteSpace(c.System.BackupDirectory))
        {
            return "system.backup_directory: is required";
        }
        if (c.System.Backups.CompressionLevel is not ("none" or "best_speed" or "best_compression"))
        {
            return $"system.backups.compression_level: expected 'none', 'best_speed' or 'best_compression', got '{c.System.Backups.CompressionLevel}'";
        }
        if (c.Api.RemoteDownload.Allow.FirstOrDefault(a => string.IsNullOrWhiteSpace(a) || (a.Contains('/', StringComparison.Ordinal) && !Files.Pull.AddressPolicy.TryParseNetwork(a, out _))) is { } badRule)
        {
            return $"api.remote_download.allow: expected CIDRs, addresses or host names, got '{badRule}'";
        }
        if (c.Remote.Length > 0 && !Uri.TryCreate(c.Remote, UriKind.Absolute, out _))
        {
            return $"remote: expected an absolute URL, got '{c.Remote}'";
        }
        if (c.Remote.Length > 0 && c.TokenId.Length == 0)
        {
            return "token_id: is required when 'remote' is set";
        }
        return TlsProblem(c.Api.Ssl) ?? ProfilesProblem(c.System.ProcessRuntime.RuntimeProfiles) ?? ServersProblem(c.Servers);
    }

    /// <summary>Checked whatever the runtime, so switching to <c>runtime: docker</c> later cannot surprise.</summary>
    private static string? DockerProblem(DockerConfig docker)
    {
        if (!ContainerUser.TryParse(docker.ContainerUser, out _))
        {
            return $"docker.container_user: expected numeric uid:gid (e.g. 988:988), got '{docker.ContainerUser}'";
        }
        return NetworkName().IsMatch(docker.NetworkName) ? null
            : $"docker.network_name: expected a network name (letters, digits, '_', '.', '-'), got '{docker.NetworkName}'";
    }

    public static bool IsListenAddress(string host) => host is "" or "*" or "localhost" || IPAddress.TryParse(host, out _);

    /// <summary>Every number of every section against its declared range; the first miss, named by its path.</summary>
    private static string? RangeProblem(object section, string path)
    {
        foreach (var property in ConfigKeys.Of(section.GetType()))
        {
            var keyPath = ConfigKeys.Join(path, ConfigKeys.Name(property));
            var value = property.GetValue(section);
            var problem = value switch
            {
                int or long or double when property.GetCustomAttribute<KeyRangeAttribute>() is { } range
                    && Convert.ToDouble(value, CultureInfo.InvariantCulture) is var number && !(number >= range.Min && number <= range.Max)
                    => string.Create(CultureInfo.InvariantCulture, $"{keyPath}: expected {ConfigKeys.Expected(property)}, got {value}"),
                IList list when ConfigKeys.IsSection(property.PropertyType.GetGenericArguments()[0]) => ListProblem(list, keyPath),
                not null when ConfigKeys.IsSection(property.PropertyType) => RangeProblem(value, keyPath),
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }
        return null;
    }

    private static string? ListProblem(IList list, string path)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is { } item && RangeProblem(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]")) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    /// <summary>The files are opened and parsed now, so a wrong path or a key that does not match the certificate
    /// fails the start with the key's name instead of failing the first TLS handshake.</summary>
    private static string? TlsProblem(SslConfig ssl)
    {
        if (!ssl.Enabled)
        {
            return null;
        }
        try
        {
            using var certificate = TlsFiles.Load(ssl);
            return null;
        }
        catch (NodeConfigException e)
        {
            return e.Message;
        }
    }

    private static string? ServersProblem(List<ServerEntry> servers)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < servers.Count; i++)
        {
            var s = servers[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"servers[{i}]");
            if (!Guid.TryParse(s.Uuid, out _))
            {
                return $"{path}.uuid: expected a UUID, got '{s.Uuid}'";
            }
            if (!seen.Add(s.Uuid))
            {
                return $"{path}.uuid: duplicate server {s.Uuid}";
            }
            if (string.IsNullOrWhiteSpace(s.Invocation))
            {
                return $"{path}.invocation: is required";
            }
            if (s.Stop.Type is not ("command" or "signal"))
            {
                return $"{path}.stop.type: expected 'command' or 'signal', got '{s.Stop.Type}'";
            }
        }
        return null;
    }

    private static string? ProfilesProblem(List<RuntimeProfileConfig> profiles)
    {
        for (var i = 0; i < profiles.Count; i++)
        {
            var p = profiles[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"system.process_runtime.runtime_profiles[{i}]");
            if (p.Image.Length == 0 || p.Image.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0 && star != p.Image.Length - 1)
            {
                return $"{path}.image: expected an image reference, exact or ending in '*' (e.g. ghcr.io/parkervcp/yolks:java_*), got '{p.Image}'";
            }
            if (p.Path.FirstOrDefault(f => !f.StartsWith('/') || f.Contains(':', StringComparison.Ordinal)) is { } folder)
            {
                return $"{path}.path: expected absolute folders without ':', got '{folder}'";
            }
            if (p.Environment.Keys.FirstOrDefault(k => !VariableName().IsMatch(k) || k == "PATH") is { } name)
            {
                return name == "PATH"
                    ? $"{path}.environment: PATH is set with the 'path' key (folders put before the game's PATH)"
                    : $"{path}.environment: expected variable names (letters, digits, '_'), got '{name}'";
            }
        }
        return null;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    // The engines' own rule for network names.
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$")]
    private static partial Regex NetworkName();
}
