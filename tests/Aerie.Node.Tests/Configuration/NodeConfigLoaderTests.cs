using Aerie.Node.Configuration;

namespace Aerie.Node.Tests.Configuration;

public sealed class NodeConfigLoaderTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static string Write(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"aerie-config-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void LoadFile_WingsStyleConfigWithServers_Parsed()
    {
        var path = Write($"""
            uuid: 7f4c2f49-8c5b-4a43-9d0c-0a0000000001
            token_id: abcdefghijklmnop
            token: {Secret}
            remote: https://panel.example.com
            api:
              host: 127.0.0.1
              port: 8080
              ssl: {"{"} enabled: false, cert: "", key: "" {"}"}
            system:
              data: /tmp/aerie-volumes
              websocket_log_count: 50
            allowed_origins: ["https://console.example.com"]
            throttles: {"{"} lines: 500, line_reset_interval: 250 {"}"}
            runtime: process
            docker: {"{"} socket: /var/run/docker.sock, container_pid_limit: 256 {"}"}
            websocket:
              max_connections: 5
              auth_timeout: 12.5
              strict_origin: true
            tokens:
              max_lifetime: 900
            power:
              stop_timeout: 30
              crash_guard: 60
            servers:
              - uuid: 0b7f1d1e-5d1c-4b55-8a4e-0a0000000002
                name: survival
                invocation: java -Xmx{"{{"}SERVER_MEMORY{"}}"}M -jar server.jar
                environment: {"{"} SERVER_JARFILE: server.jar {"}"}
                done: ["Done (", "regex:^Ready$"]
                stop: {"{"} type: command, value: stop {"}"}
                limits: {"{"} memory: 1024, cpu: 200, disk: 5000 {"}"}
                crash_detection_enabled: false
            """);
        try
        {
            var config = NodeConfigLoader.LoadFile(path).Config;
            Assert.Equal("abcdefghijklmnop", config.TokenId);
            Assert.Equal(8080, config.Api.Port);
            Assert.Equal(50, config.System.WebsocketLogCount);
            Assert.Equal(250, config.Throttles.LineResetInterval);
            Assert.Equal(12.5, config.Websocket.AuthTimeout);
            Assert.True(config.Websocket.StrictOrigin);
            Assert.Equal(900, config.Tokens.MaxLifetime);
            Assert.Equal(256, config.Docker.ContainerPidLimit);
            var server = Assert.Single(config.Servers).ToConfiguration();
            Assert.Equal("survival", server.Settings.Meta.Name);
            Assert.Equal(1024, server.Settings.Build.MemoryLimit);
            Assert.False(server.Settings.CrashDetectionEnabled);
            Assert.Equal(["Done (", "regex:^Ready$"], server.ProcessConfiguration.Startup.Done);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("token: short\n", "token: must be at least 32 characters")]
    [InlineData("runtime: lxc\n", "runtime: expected 'process' or 'docker', got 'lxc'")]
    [InlineData("api: { port: 70000 }\n", "api.port: expected a whole number 1-65535, got 70000")]
    [InlineData("api: { host: example.com }\n", "api.host: expected an IP address")]
    [InlineData("servers:\n  - uuid: nope\n    invocation: x\n", "servers[0].uuid: expected a UUID, got 'nope'")]
    [InlineData("servers:\n  - uuid: 0b7f1d1e-5d1c-4b55-8a4e-0a0000000002\n", "servers[0].invocation: is required")]
    [InlineData("remote: https://panel\n", "token_id: is required when 'remote' is set")]
    [InlineData("docker: { container_pid_limit: -1 }\n", "docker.container_pid_limit: expected a whole number 1-4194304, got -1")]
    [InlineData("docker: { container_pid_limit: 0 }\n", "docker.container_pid_limit: expected a whole number 1-4194304, got 0")]
    [InlineData("docker: { container_user: games }\n", "docker.container_user: expected numeric uid:gid (e.g. 988:988), got 'games'")]
    [InlineData("docker: { container_user: '988' }\n", "docker.container_user: expected numeric uid:gid (e.g. 988:988), got '988'")]
    [InlineData("docker: { network_name: 'a b' }\n", "docker.network_name: expected a network name (letters, digits, '_', '.', '-'), got 'a b'")]
    [InlineData("docker: { log_max_bytes: 1000 }\n", "docker.log_max_bytes: expected a whole number 65536-1073741824 (bytes), got 1000")]
    [InlineData("docker: { memory_ceiling: -1 }\n", "docker.memory_ceiling: expected a whole number 0-16777216 (MiB), got -1")]
    [InlineData("system: { timezone: Mars/Olympus }\n", "system.timezone: expected an IANA time zone (e.g. Europe/Berlin, UTC), got 'Mars/Olympus'")]
    [InlineData("system: { tmp_directory: '' }\n", "system.tmp_directory: is required")]
    [InlineData("system: { log_directory: '' }\n", "system.log_directory: is required")]
    [InlineData("installer: { timeout: 0 }\n", "installer.timeout: expected a number of seconds 1-604800, got 0")]
    [InlineData("installer: { fail_on_nonzero_exit: sometimes }\n", "installer.fail_on_nonzero_exit: expected true or false, got 'sometimes'")]
    [InlineData("docker: { installer_limits: { memory: -1 } }\n", "docker.installer_limits.memory: expected a whole number 0-16777216 (MiB), got -1")]
    [InlineData("docker: { installer_limits: { cpu: 100001 } }\n", "docker.installer_limits.cpu: expected a whole number 0-100000 (% of one core), got 100001")]
    [InlineData("apii: {}\n", "apii: unknown key")]
    [InlineData("system:\n  sftpp: {}\n", "system.sftpp: unknown key")]
    [InlineData("servers:\n  - uuid: 0b7f1d1e-5d1c-4b55-8a4e-0a0000000002\n    invocation: x\n    limts: {}\n", "servers[0].limts: unknown key")]
    [InlineData("api: { port: eighty }\n", "api.port: expected a whole number 1-65535, got 'eighty'")]
    [InlineData("api: { port: 99999999999 }\n", "api.port: expected a whole number 1-65535, got '99999999999'")]
    [InlineData("api: 8080\n", "api: expected a mapping of keys, got '8080'")]
    [InlineData("api: { ssl: { enabled: maybe } }\n", "api.ssl.enabled: expected true or false, got 'maybe'")]
    [InlineData("power: { stop_timeout: soon }\n", "power.stop_timeout: expected a number of seconds 0.05-86400, got 'soon'")]
    [InlineData("allowed_origins: https://a.example\n", "allowed_origins: expected a list, got 'https://a.example'")]
    [InlineData("allowed_origins: [[a]]\n", "allowed_origins[0]: expected a string, got a list")]
    [InlineData("throttles: { line_reset_interval: 0 }\n", "throttles.line_reset_interval: expected a whole number 1-3600000 (milliseconds), got 0")]
    [InlineData("websocket: { token_check_interval: 45 }\n", "websocket.token_check_interval: expected a number of seconds 0.05-30, got 45")]
    [InlineData("websocket: { expired_grace: 4000 }\n", "websocket.expired_grace: expected a number of seconds 0-3600, got 4000")]
    [InlineData("websocket: { max_unauthenticated: 0 }\n", "websocket.max_unauthenticated: expected a whole number 1-100000, got 0")]
    [InlineData("websocket: { max_per_user_percent: 101 }\n", "websocket.max_per_user_percent: expected a whole number 1-100, got 101")]
    [InlineData("websocket: { max_unauthenticated_per_ip: 0 }\n", "websocket.max_unauthenticated_per_ip: expected a whole number 1-100000, got 0")]
    [InlineData("tokens: { max_clock_skew: -1 }\n", "tokens.max_clock_skew: expected a number of seconds 0-3600, got -1")]
    [InlineData("websocket: { global_rate: { period: 0 } }\n", "websocket.global_rate.period: expected a number of seconds 0.001-3600, got 0")]
    [InlineData("system: { stats_interval: .nan }\n", "system.stats_interval: expected a number of seconds 0.05-3600, got '.nan'")]
    [InlineData("servers:\n  - uuid: 0b7f1d1e-5d1c-4b55-8a4e-0a0000000002\n    invocation: x\n    limits: { cpu: -5 }\n", "servers[0].limits.cpu: expected a whole number 0-100000 (% of one core), got -5")]
    [InlineData("api: { ssl: { enabled: true } }\n", "api.ssl.cert: is required when api.ssl.enabled is true")]
    [InlineData("api: { ssl: { enabled: true, cert: /nonexistent/cert.pem, key: /nonexistent/key.pem } }\n", "api.ssl.cert: cannot read /nonexistent/cert.pem: ")]
    public void LoadFile_Invalid_ErrorNamesFileAndKey(string yaml, string expected)
    {
        var path = Write((yaml.StartsWith("token:", StringComparison.Ordinal) ? "" : $"token: {Secret}\n") + yaml);
        try
        {
            var error = Assert.Throws<NodeConfigException>(() => NodeConfigLoader.LoadFile(path));
            Assert.StartsWith(path + ": " + expected, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadFile_Missing_ErrorNamesFile()
    {
        var error = Assert.Throws<NodeConfigException>(() => NodeConfigLoader.LoadFile("/nonexistent/aerie.yml"));
        Assert.StartsWith("/nonexistent/aerie.yml: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenYaml_ErrorNamesLine()
    {
        var error = Assert.Throws<NodeConfigException>(() => NodeConfigLoader.Parse($"token: {Secret}\napi: [\n", "config.yml"));
        Assert.StartsWith("config.yml: line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DataOverride_ReplacesSystemData()
    {
        var loaded = NodeConfigLoader.Parse($"token: {Secret}\nsystem: {{ data: /var/lib/elsewhere }}\n", "config.yml", dataOverride: "/tmp/writable");
        Assert.Equal("/tmp/writable", loaded.Config.System.Data);
    }

    [Fact]
    public void Parse_AerieOnlyKeys_NoWarnings()
    {
        var loaded = NodeConfigLoader.Parse($"token: {Secret}\napi: {{ port: 9000 }}\n", "config.yml");
        Assert.Empty(loaded.Warnings);
        Assert.Equal(9000, loaded.Config.Api.Port);
    }

    [Fact]
    public void Parse_NestedSectionPartlySet_KeepsOtherDefaults()
    {
        // global_rate defaults to burst 10 every 0.2 s; setting only burst must not reset period to the type's default.
        var loaded = NodeConfigLoader.Parse($"token: {Secret}\nwebsocket: {{ global_rate: {{ burst: 3 }} }}\n", "config.yml");
        Assert.Equal(3, loaded.Config.Websocket.GlobalRate.Burst);
        Assert.Equal(new WebsocketConfig().GlobalRate.Period, loaded.Config.Websocket.GlobalRate.Period);
    }
}
