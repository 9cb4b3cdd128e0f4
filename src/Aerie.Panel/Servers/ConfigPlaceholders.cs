using System.Globalization;
using System.Text.RegularExpressions;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.Servers;

/// <summary>
/// The <c>{{key}}</c> placeholders of config file rewrites that the panel resolves (spec 05 §4.1): the union of
/// Pterodactyl's and Pelican's vocabularies, since real eggs use both. <c>config.*</c> keys are the node's
/// and stay as written; every other unknown key becomes "".
/// </summary>
internal sealed partial class ConfigPlaceholders
{
    private static readonly string[] EnvPrefixes = ["server.build.env.", "server.build.environment.", "server.environment.", "env."];
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> environment;

    /// <param name="environment">settings.environment (egg variables, STARTUP, P_SERVER_*)</param>
    /// <param name="primary">the primary allocation, or null (then ip/port are "")</param>
    /// <param name="allocations">all the server's allocations, for the legacy <c>server.build.ports</c></param>
    public ConfigPlaceholders(GameServer server, IReadOnlyDictionary<string, string> environment, Allocation? primary, IReadOnlyList<Allocation> allocations)
    {
        var ip = primary?.Ip ?? "";
        var port = primary is null ? "" : Number(primary.Port);
        var memory = Number(server.MemoryMb);
        // The legacy env names (SERVER_PORT...) are looked up like any variable, after the egg's own.
        this.environment = new Dictionary<string, string>(environment, StringComparer.OrdinalIgnoreCase);
        this.environment.TryAdd("SERVER_PORT", port);
        this.environment.TryAdd("SERVER_IP", ip);
        this.environment.TryAdd("SERVER_MEMORY", memory);
        foreach (var key in new[] { "server.build.default.port", "server.allocations.default.port" })
        {
            values[key] = port;
        }
        foreach (var key in new[] { "server.build.default.ip", "server.allocations.default.ip" })
        {
            values[key] = ip;
        }
        values["server.build.memory"] = values["server.build.memory_limit"] = memory;
        values["server.build.swap"] = Number(server.SwapMb);
        values["server.build.io"] = values["server.build.io_weight"] = Number(server.Io);
        values["server.build.cpu"] = values["server.build.cpu_limit"] = Number(server.CpuPercent);
        values["server.build.threads"] = server.Threads ?? "";
        values["server.build.disk"] = values["server.build.disk_space"] = Number(server.DiskMb);
        values["server.build.oom_disabled"] = server.OomDisabled ? "true" : "false";
        values["server.build.image"] = server.Image;
        values["server.uuid"] = server.Uuid.ToString();
        values["server.build.ports"] = Json.Write(allocations.GroupBy(a => a.Ip).ToDictionary(g => g.Key, g => g.Select(a => a.Port).Order().ToList()));
    }

    /// <summary><paramref name="text"/> with every placeholder but <c>config.*</c> replaced.</summary>
    public string Resolve(string text) => Placeholder().Replace(text, m => Value(m.Groups[1].Value) ?? m.Value);

    /// <returns>the value, "" for an unknown key, null for a node key (left as written)</returns>
    private string? Value(string key)
    {
        if (key.StartsWith("config.", StringComparison.Ordinal))
        {
            return null;
        }
        if (values.TryGetValue(key, out var known))
        {
            return known;
        }
        foreach (var prefix in EnvPrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return environment.GetValueOrDefault(key[prefix.Length..]) ?? "";
            }
        }
        return "";
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{\{([\w.-]+)\}\}")]
    private static partial Regex Placeholder();
}
