using System.Globalization;
using Aerie.Contracts.RemoteApi;
using Aerie.Node.Configuration;

namespace Aerie.Node.Servers;

/// <summary>The one builder of the environment a game and its installer see (spec 05 §5.4), for both runtimes: TZ,
/// STARTUP, SERVER_MEMORY, SERVER_IP/SERVER_PORT, then the panel's <c>settings.environment</c> (names upper-cased).
/// A name already set keeps its first value. The values only ever travel as environment variables.</summary>
internal static class ServerVariables
{
    public const string ServerTimezone = "SERVER_TIMEZONE";

    public static IReadOnlyDictionary<string, string> Build(ServerSettings s, NodeConfig config)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var upper = s.Environment.Select(kv => (Key: kv.Key.ToUpperInvariant(), kv.Value)).ToList();
        // Pelican's rule, kept: a server's own valid IANA zone wins over the node's.
        var own = upper.FirstOrDefault(kv => kv.Key == ServerTimezone).Value;
        Add(env, "TZ", TimeZones.IsIana(own) ? own! : config.System.Timezone);
        Add(env, "STARTUP", s.Invocation);
        Add(env, "SERVER_MEMORY", s.Build.MemoryLimit.ToString(CultureInfo.InvariantCulture));
        // Port 0 = no allocation (a config-file server without `port:`).
        if (s.Allocations.Default.Port > 0)
        {
            Add(env, "SERVER_IP", s.Allocations.Default.Ip);
            Add(env, "SERVER_PORT", s.Allocations.Default.Port.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var (key, value) in upper)
        {
            Add(env, key, value);
        }
        // The panel sends it in settings.environment; a server of the node's own config has none.
        Add(env, "P_SERVER_UUID", s.Uuid);
        return env;
    }

    private static void Add(Dictionary<string, string> env, string key, string value) => env.TryAdd(key, value);
}
