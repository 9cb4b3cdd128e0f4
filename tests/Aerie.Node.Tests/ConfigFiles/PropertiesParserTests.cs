namespace Aerie.Node.Tests.ConfigFiles;

public sealed class PropertiesParserTests
{
    private const string MinecraftFile = """
        #Minecraft server properties
        #Mon Nov 30 12:00:00 UTC 2026

        allow-flight=false
        # a comment between entries
        server-ip=
        motd=A Minecraft Server
        server-port=25565
        query.port=25565
        """;

    [Fact]
    public void Rewrite_PaperEgg_SetsItsKeysAndKeepsTheRestInOrder()
    {
        var rules = Rules.FromEgg("ptdl2-paper.json", "server.properties", new Dictionary<string, string> { ["server.build.default.port"] = "27015" });

        var output = Rules.Apply("properties", MinecraftFile, rules);

        Assert.Equal("#Minecraft server properties\n#Mon Nov 30 12:00:00 UTC 2026\n\nallow-flight=false\nserver-ip=0.0.0.0\nmotd=A Minecraft Server\nserver-port=27015\nquery.port=27015\n", output);
    }

    [Fact]
    public void Rewrite_NewKey_IsAppended()
    {
        var output = Rules.Apply("properties", "a=1\n", Rules.Set("enable-rcon", "true"));
        Assert.Equal("a=1\nenable-rcon=true\n", output);
    }

    [Fact]
    public void Rewrite_CommentsAfterTheLeadingBlock_AreDropped()
    {
        var output = Rules.Apply("properties", "# head\na=1\n# middle\nb=2\n", Rules.Set("b", "3"));
        Assert.Equal("# head\na=1\nb=3\n", output);
    }

    [Fact]
    public void Rewrite_IfValue_ReplacesOnlyAnExactMatch()
    {
        var content = "level-type=minecraft\\:normal\ngamemode=survival\n";
        var output = Rules.Apply("properties", content,
            Rules.Set("level-type", "flat", ifValue: "minecraft:normal"),
            Rules.Set("gamemode", "creative", ifValue: "Survival"),
            Rules.Set("missing", "x", ifValue: "anything"));
        Assert.Equal("level-type=flat\ngamemode=survival\n", output);
    }

    [Fact]
    public void Rewrite_Values_AreAsciiEscaped()
    {
        var output = Rules.Apply("properties", "", Rules.Set("motd", "Caf\u00e9 \"quoted\" back\\slash \U0001F600"));
        Assert.Equal("motd=Caf\\u00e9 \\\"quoted\\\" back\\\\slash \\ud83d\\ude00\n", output);
    }

    [Fact]
    public void Rewrite_EscapedAndContinuedInput_IsReadAsJavaReadsIt()
    {
        var content = "motd=Caf\\u00e9\nlong=one \\\n    two\nspaced key : value\n";
        var output = Rules.Apply("properties", content, Rules.Set("other", "1"));
        Assert.Equal("motd=Caf\\u00e9\nlong=one two\nspaced=key : value\nother=1\n", output);
    }
}
