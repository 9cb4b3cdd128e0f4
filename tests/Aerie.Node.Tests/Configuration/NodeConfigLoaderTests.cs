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
            var config = NodeConfigLoader.LoadFile(path);
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
    [InlineData("token: short\n", "key 'token'")]
    [InlineData("runtime: lxc\n", "key 'runtime'")]
    [InlineData("api: { port: 70000 }\n", "key 'api.port'")]
    [InlineData("servers:\n  - uuid: nope\n    invocation: x\n", "key 'servers[0].uuid'")]
    [InlineData("servers:\n  - uuid: 0b7f1d1e-5d1c-4b55-8a4e-0a0000000002\n", "key 'servers[0].invocation'")]
    [InlineData("remote: https://panel\n", "key 'token_id'")]
    [InlineData("docker: { container_pid_limit: -1 }\n", "key 'docker.container_pid_limit'")]
    [InlineData("apii: {}\n", "line 2")]
    [InlineData("api: { port: eighty }\n", "line 2")]
    public void LoadFile_Invalid_ErrorNamesFileAndKey(string yaml, string expected)
    {
        var path = Write((yaml.StartsWith("token:", StringComparison.Ordinal) ? "" : $"token: {Secret}\n") + yaml);
        try
        {
            var error = Assert.Throws<NodeConfigException>(() => NodeConfigLoader.LoadFile(path));
            Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
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
}
