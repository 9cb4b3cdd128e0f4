using System.Text.Json;
using Aerie.Node.Configuration;

namespace Aerie.Node.Tests.Configuration;

public sealed class NodeConfigRoundTripTests
{
    /// <summary>Every key the writer prints, the loader reads back to the same value: a config with no default
    /// left survives write -> load unchanged.</summary>
    [Fact]
    public void WriteThenLoad_EveryKeyChanged_SameValues()
    {
        var config = new NodeConfig
        {
            Uuid = Guid.NewGuid().ToString(),
            TokenId = "0000000000001234",
            Token = new string('t', 64),
            Remote = "https://panel.example.com:8443/",
            Api = new ApiConfig { Host = "::", Port = 9443, Ssl = new SslConfig { Enabled = false, Cert = "/c.pem", Key = "/k.pem" } },
            System = new SystemConfig { Data = "/srv/aerie data", WebsocketLogCount = 7, LogMaxBytes = 1 << 20, LogKeep = 9, StatsInterval = 0.25, ActivityInterval = 2.5 },
            AllowedOrigins = ["https://a.example", "true", "null"],
            Throttles = new ThrottleConfig { Lines = 77, LineResetInterval = 250 },
            Runtime = "docker",
            Docker = new DockerConfig
            {
                Socket = "/run/podman.sock",
                ContainerPidLimit = 1,
                ContainerUser = "1000:1001",
                NetworkName = "games0",
                LogMaxBytes = 1 << 20,
                MemoryCeiling = 4096,
                TmpfsSize = 64,
            },
            Websocket = new WebsocketConfig
            {
                MaxConnections = 3,
                AuthTimeout = 1.5,
                PingInterval = 2,
                PingTimeout = 3,
                StrictOrigin = true,
                SendQueue = 12,
                TokenCheckInterval = 0.5,
                TokenExpiringWindow = 9,
                GlobalRate = new RateConfig { Burst = 1, Period = 0.1 },
                AuthRate = new RateConfig { Burst = 2, Period = 0.2 },
                LogsRate = new RateConfig { Burst = 3, Period = 0.3 },
                CommandRate = new RateConfig { Burst = 4, Period = 0.4 },
                OtherRate = new RateConfig { Burst = 5, Period = 0.5 },
            },
            Tokens = new TokenConfig { MaxLifetime = 120, DenyBeforeBoot = true },
            Power = new PowerConfig { StopTimeout = 5, CrashGuard = 0, ShutdownTimeout = 1 },
            Servers =
            [
                new ServerEntry
                {
                    Uuid = Guid.NewGuid().ToString(), Name = "a: b # c", Description = "'quoted'", Suspended = true,
                    Invocation = "java -jar {{SERVER_JARFILE}}", Environment = new() { ["SERVER_JARFILE"] = "server.jar", ["EMPTY"] = "" },
                    Image = "ghcr.io/x/y:1", Done = ["Done (", "regex:^Ready$"], StripAnsi = true,
                    Stop = new StopEntry { Type = "signal", Value = "SIGINT" },
                    Limits = new LimitsEntry { Memory = 1024, Swap = -1, Cpu = 150, Disk = 2048, OomDisabled = true },
                    CrashDetectionEnabled = false, Ip = "10.0.0.2", Port = 25565,
                },
            ],
        };

        var loaded = NodeConfigLoader.Parse(NodeConfigWriter.ToYaml(config), "written.yml");

        Assert.Empty(loaded.Warnings);
        Assert.Equal(JsonSerializer.Serialize(config), JsonSerializer.Serialize(loaded.Config));
    }

    [Fact]
    public void WriteThenLoad_Defaults_SameValues()
    {
        var config = new NodeConfig { Token = new string('t', 64) };
        var loaded = NodeConfigLoader.Parse(NodeConfigWriter.ToYaml(config), "written.yml");
        Assert.Equal(JsonSerializer.Serialize(config), JsonSerializer.Serialize(loaded.Config));
    }
}
