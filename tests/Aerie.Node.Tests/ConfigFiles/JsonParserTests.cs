using System.Text.Json.Nodes;

namespace Aerie.Node.Tests.ConfigFiles;

public sealed class JsonParserTests
{
    private static JsonNode Rewrite(string content, params Aerie.Contracts.RemoteApi.ConfigReplacement[] rules) =>
        JsonNode.Parse(Rules.Apply("json", content, rules))!;

    [Fact]
    public void Rewrite_DotPath_SetsNestedValue()
    {
        var output = Rewrite("""{"server": {"name": "old", "port": 7777}}""", Rules.Set("server.name", "new"));
        Assert.Equal("new", (string)output["server"]!["name"]!);
        Assert.Equal(7777, (int)output["server"]!["port"]!);
    }

    [Fact]
    public void Rewrite_BracketIndex_SetsArrayElement()
    {
        var bungee = """{"listeners": [{"host": "0.0.0.0:25577", "query_port": 25577}, {"host": "other"}]}""";
        var output = Rewrite(bungee, Rules.Set("listeners[0].host", "0.0.0.0:25565"), Rules.Set("listeners[0].query_port", "25565"));
        Assert.Equal("0.0.0.0:25565", (string)output["listeners"]![0]!["host"]!);
        Assert.Equal(25565, (int)output["listeners"]![0]!["query_port"]!);
        Assert.Equal("other", (string)output["listeners"]![1]!["host"]!);
    }

    [Fact]
    public void Rewrite_DotIndex_SetsArrayElement()
    {
        var output = Rewrite("""{"a": [{"b": 1}, {"b": 2}]}""", Rules.Set("a.1.b", "5"));
        Assert.Equal(1, (int)output["a"]![0]!["b"]!);
        Assert.Equal(5, (int)output["a"]![1]!["b"]!);
    }

    [Fact]
    public void Rewrite_Wildcard_SetsEveryChild_FirstStarOnly()
    {
        var content = """{"servers": {"lobby": {"address": "1", "x": {"*": 0}}, "game": {"address": "2", "x": {"*": 0}}}}""";
        var output = Rewrite(content, Rules.Set("servers.*.address", "127.0.0.1:30000"), Rules.Set("servers.*.x.*", "9"));
        Assert.Equal("127.0.0.1:30000", (string)output["servers"]!["lobby"]!["address"]!);
        Assert.Equal("127.0.0.1:30000", (string)output["servers"]!["game"]!["address"]!);
        // The second `*` is the key "*".
        Assert.Equal(9, (int)output["servers"]!["game"]!["x"]!["*"]!);
        Assert.Single(output["servers"]!["game"]!["x"]!.AsObject());
    }

    [Fact]
    public void Rewrite_MissingIntermediates_AreCreated()
    {
        var output = Rewrite("{}", Rules.Set("network.rcon.port", "27020"));
        Assert.Equal(27020, (long)output["network"]!["rcon"]!["port"]!);
    }

    [Fact]
    public void Rewrite_EmptyFile_IsAnObject()
    {
        var output = Rewrite("", Rules.Set("name", "x"));
        Assert.Equal("x", (string)output["name"]!);
    }

    [Fact]
    public void Rewrite_ExistingTypes_AreKept()
    {
        var content = """{"online": false, "port": 1, "ratio": 0.5, "version": "1"}""";
        var output = Rewrite(content, Rules.Set("online", "true"), Rules.Set("port", "25565"), Rules.Set("ratio", "1.5"), Rules.Set("version", "2"));
        Assert.Equal(System.Text.Json.JsonValueKind.True, output["online"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, output["port"]!.GetValueKind());
        Assert.Equal(1.5, (double)output["ratio"]!);
        Assert.Equal(System.Text.Json.JsonValueKind.String, output["version"]!.GetValueKind());
        Assert.Equal("2", (string)output["version"]!);
    }

    [Fact]
    public void Rewrite_NewValues_TypedByReplacement()
    {
        var output = Rewrite("{}", Rules.Set("flag", true), Rules.Set("text_true", "true"), Rules.Set("count", "12"), Rules.Set("name", "12a"), Rules.Set("number", 3));
        Assert.Equal(System.Text.Json.JsonValueKind.True, output["flag"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.String, output["text_true"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, output["count"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.String, output["name"]!.GetValueKind());
        Assert.Equal(3, (int)output["number"]!);
    }

    [Fact]
    public void Rewrite_IfValue_NeedsTheExistingTextToMatch()
    {
        var content = """{"mode": "survival", "port": 25565}""";
        var output = Rewrite(content,
            Rules.Set("mode", "creative", ifValue: "survival"),
            Rules.Set("port", "1", ifValue: "25566"),
            Rules.Set("absent", "x", ifValue: ""));
        Assert.Equal("creative", (string)output["mode"]!);
        Assert.Equal(25565, (int)output["port"]!);
        Assert.Null(output["absent"]);
        Assert.False(output.AsObject().ContainsKey("absent"));
    }

    [Fact]
    public void Rewrite_IfValueRegex_ReplacesWithinTheValue()
    {
        var content = """{"servers": {"lobby": {"address": "localhost:25566"}, "game": {"address": "10.0.0.5:25567"}}}""";
        var output = Rewrite(content, Rules.Set("servers.*.address", "{{config.docker.interface}}:$1", ifValue: @"regex:^(?:127\.0\.0\.1|localhost):(\d{1,5})$"));
        Assert.Equal("172.18.0.1:25566", (string)output["servers"]!["lobby"]!["address"]!);
        Assert.Equal("10.0.0.5:25567", (string)output["servers"]!["game"]!["address"]!);
    }

    [Fact]
    public void Rewrite_Output_IsIndented()
    {
        var output = Rules.Apply("json", """{"a":{"b":1}}""", Rules.Set("a.c", "x"));
        Assert.Equal("{\n  \"a\": {\n    \"b\": 1,\n    \"c\": \"x\"\n  }\n}\n", output.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Rewrite_ConfigPlaceholder_ResolvesTheAllowlistOnly()
    {
        var output = Rewrite("{}", Rules.Set("host", "{{config.docker.interface}}"), Rules.Set("net", "{{ config.docker.network.interface }}"),
            Rules.Set("secret", "{{config.token}}"), Rules.Set("id", "{{config.token_id}}"));
        Assert.Equal("172.18.0.1", (string)output["host"]!);
        Assert.Equal("172.18.0.1", (string)output["net"]!);
        Assert.Equal("{{config.token}}", (string)output["secret"]!);
        Assert.Equal("{{config.token_id}}", (string)output["id"]!);
    }
}
