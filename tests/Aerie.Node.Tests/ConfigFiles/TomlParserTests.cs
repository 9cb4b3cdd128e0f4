namespace Aerie.Node.Tests.ConfigFiles;

public sealed class TomlParserTests
{
    [Fact]
    public void Rewrite_VelocityStyle_SetsWithJsonSemantics()
    {
        var content = """
            bind = "0.0.0.0:25577"
            online-mode = true
            show-max-players = 500
            started = 1979-05-27T07:32:00Z

            [servers]
            lobby = "127.0.0.1:30066"

            [[listeners]]
            port = 1
            """;
        var output = Rules.Apply("toml", content,
            Rules.Set("bind", "0.0.0.0:25565"),
            Rules.Set("online-mode", "false"),
            Rules.Set("show-max-players", "100"),
            Rules.Set("servers.lobby", "{{config.docker.interface}}:$1", ifValue: @"regex:^127\.0\.0\.1:(\d+)$"),
            Rules.Set("listeners[0].port", "2"),
            Rules.Set("advanced.compression-level", "6"));

        var model = Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(output)!;
        Assert.Equal("0.0.0.0:25565", model["bind"]);
        Assert.Equal(false, model["online-mode"]);
        Assert.Equal(100L, model["show-max-players"]);
        Assert.IsType<Tomlyn.TomlDateTime>(model["started"]);
        Assert.Equal("172.18.0.1:30066", ((Tomlyn.Model.TomlTable)model["servers"])["lobby"]);
        Assert.Equal(2L, ((Tomlyn.Model.TomlTableArray)model["listeners"])[0]["port"]);
        Assert.Equal(6L, ((Tomlyn.Model.TomlTable)model["advanced"])["compression-level"]);
    }
}
