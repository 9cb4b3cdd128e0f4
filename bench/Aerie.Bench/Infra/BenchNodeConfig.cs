using Aerie.Node.Configuration;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Aerie.Bench.Infra;

/// <summary>Node configs for the scenarios: local servers running the flooder, no panel, loopback only.</summary>
internal static class BenchNodeConfig
{
    public const string Secret = "bench-node-secret-0123456789abcdef0123456789abcdef0123456789abcd";
    public const string Ready = "Done (flooder ready)";

    public static NodeConfig Create(int port, string dataDir, int servers, int maxSockets, string secret = Secret, IReadOnlyList<string>? uuids = null) => new()
    {
        Uuid = Guid.NewGuid().ToString(),
        TokenId = "benchtokenid0001",
        Token = secret,
        Remote = "",
        Api = new ApiConfig { Host = "127.0.0.1", Port = port },
        System = new SystemConfig
        {
            Data = dataDir,
            // The flooder runs in the process sandbox: it needs to read this bench's build and the .NET runtime.
            ProcessRuntime = { ReadOnlyPaths = [Path.GetDirectoryName(Locator.BenchDll)!, Path.GetDirectoryName(Locator.Dotnet)!] },
        },
        // Every watcher connects from loopback, many at once: the unauthenticated limits must not refuse the crowd.
        Websocket = new WebsocketConfig { MaxConnections = maxSockets, MaxUnauthenticated = maxSockets, MaxUnauthenticatedPerIp = maxSockets },
        Power = new PowerConfig { ShutdownTimeout = 2, StopTimeout = 5 },
        Servers = [.. Enumerable.Range(0, servers).Select(i => FlooderServer(uuids is null ? Guid.NewGuid().ToString() : uuids[i], i))],
    };

    public static ServerEntry FlooderServer(string uuid, int index) => new()
    {
        Uuid = uuid,
        Name = $"flooder {index}",
        // Placeholders become shell variable references; the values arrive as environment variables.
        Invocation = "exec {{BENCH_DOTNET}} {{BENCH_DLL}} flooder",
        Environment = new Dictionary<string, string> { ["BENCH_DOTNET"] = Locator.Dotnet, ["BENCH_DLL"] = Locator.BenchDll },
        Done = [Ready],
        Stop = new StopEntry { Type = "command", Value = "stop" },
        CrashDetectionEnabled = false,
    };

    /// <summary>Writes the config as the YAML `aerie node --config` reads.</summary>
    public static string Write(NodeConfig config, string path)
    {
        var yaml = new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Serialize(config);
        File.WriteAllText(path, yaml);
        return path;
    }
}
