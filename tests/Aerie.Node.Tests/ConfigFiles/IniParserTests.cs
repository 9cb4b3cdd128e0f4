namespace Aerie.Node.Tests.ConfigFiles;

public sealed class IniParserTests
{
    private const string Murmur = """
        ; Murmur configuration file.
        database=
        ;logfile=murmur.log
        port=64738
        host=

        [Ice]
        Ice.Warn.UnknownProperties=1
        Ice.MessageSizeMax=65536
        """;

    [Fact]
    public void Rewrite_MumbleEgg_SetsRootKeysAndAddsMissingOnes()
    {
        var rules = Rules.FromEgg("ptdl2-mumble.json", "murmur.ini", new Dictionary<string, string>
        {
            ["server.build.default.port"] = "30033",
            ["server.build.env.MAX_USERS"] = "100",
        });

        var output = Rules.Apply("ini", Murmur, rules);

        Assert.Equal("""
            ; Murmur configuration file.
            database = /home/container/murmur.sqlite
            ;logfile=murmur.log
            port = 30033
            host = 0.0.0.0
            logfile = /home/container/murmur.log
            users = 100

            [Ice]
            Ice.Warn.UnknownProperties = 1
            Ice.MessageSizeMax = 65536

            """.Replace("\r\n", "\n", StringComparison.Ordinal), output);
    }

    [Fact]
    public void Rewrite_SectionKey_SetsInsideTheSection()
    {
        var content = "[ServerSettings]\nServerName=Old\n\n[Other]\nServerName=keep\n";
        var output = Rules.Apply("ini", content, Rules.Set("ServerSettings.ServerName", "New"), Rules.Set("ServerSettings.Port", "7777"));
        Assert.Equal("[ServerSettings]\nServerName = New\nPort = 7777\n\n[Other]\nServerName = keep\n", output);
    }

    [Fact]
    public void Rewrite_BracketedSectionWithDots_IsOneSection()
    {
        var content = "[/Script/Engine.GameSession]\nMaxPlayers=10\n";
        var output = Rules.Apply("ini", content, Rules.Set("[/Script/Engine.GameSession].MaxPlayers", "70"));
        Assert.Equal("[/Script/Engine.GameSession]\nMaxPlayers = 70\n", output);
    }

    [Fact]
    public void Rewrite_MissingSection_IsAppended()
    {
        var output = Rules.Apply("ini", "a=1\n", Rules.Set("net.port", "5"));
        Assert.Equal("a = 1\n[net]\nport = 5\n", output);
    }

    [Fact]
    public void Rewrite_IfValue_IsIgnored()
    {
        var output = Rules.Apply("ini", "[s]\nk=1\n", Rules.Set("s.k", "2", ifValue: "not-the-value"));
        Assert.Equal("[s]\nk = 2\n", output);
    }

    [Fact]
    public void Rewrite_ConfigPlaceholder_IsResolved()
    {
        var output = Rules.Apply("ini", "", Rules.Set("host", "{{config.docker.interface}}"), Rules.Set("secret", "{{config.token}}"));
        Assert.Equal("host = 172.18.0.1\nsecret = {{config.token}}\n", output);
    }
}
