namespace Aerie.Node.Tests.ConfigFiles;

public sealed class YamlParserTests
{
    private const string BungeeConfig = """
        # BungeeCord config
        player_limit: -1
        online_mode: true
        listeners:
        - query_port: 25577
          host: 0.0.0.0:25577
          motd: '&1Another Bungee server'
        servers:
          lobby:
            address: localhost:25565
            restricted: false
        """;

    [Theory]
    [InlineData("yaml")]
    [InlineData("yml")]
    public void Rewrite_BungeeCord_SetsPathsAndSortsKeys(string parser)
    {
        var output = Rules.Apply(parser, BungeeConfig,
            Rules.Set("listeners[0].host", "0.0.0.0:25565"),
            Rules.Set("listeners[0].query_port", "25565"),
            Rules.Set("servers.*.address", "{{config.docker.interface}}:$1", ifValue: @"regex:^localhost:(\d+)$"));

        Assert.Equal("""
            listeners:
              - host: 0.0.0.0:25565
                motd: '&1Another Bungee server'
                query_port: 25565
            online_mode: true
            player_limit: -1
            servers:
              lobby:
                address: 172.18.0.1:25565
                restricted: false

            """.Replace("\r\n", "\n", StringComparison.Ordinal), output);
    }

    [Fact]
    public void Rewrite_QuotedScalars_StayStrings()
    {
        var output = Rules.Apply("yaml", "version: '1'\nflag: 'true'\nport: 1\n", Rules.Set("port", "2"), Rules.Set("version", "3"));
        Assert.Equal("flag: \"true\"\nport: 2\nversion: \"3\"\n", output);
    }

    [Fact]
    public void Rewrite_EmptyFile_CreatesTheTree()
    {
        var output = Rules.Apply("yaml", "", Rules.Set("settings.bungeecord", true), Rules.Set("settings.port", "25565"), Rules.Set("settings.name", "true"));
        Assert.Equal("settings:\n  bungeecord: true\n  name: \"true\"\n  port: 25565\n", output);
    }
}
