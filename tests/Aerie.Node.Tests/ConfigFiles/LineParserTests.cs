namespace Aerie.Node.Tests.ConfigFiles;

public sealed class LineParserTests
{
    [Fact]
    public void Rewrite_LineStartingWithMatch_IsReplacedWhole()
    {
        var content = "hostname \"old\"\nport 27015 // game port\nmaxplayers 8\n";
        var output = Rules.Apply("file", content, Rules.Set("port", "port 27016"), Rules.Set("hostname", "hostname \"My Server\""));
        Assert.Equal("hostname \"My Server\"\nport 27016\nmaxplayers 8\n", output);
    }

    [Fact]
    public void Rewrite_TwoRulesMatchingOneLine_WritesTheFirstOnly()
    {
        var output = Rules.Apply("file", "sv_port=1\n", Rules.Set("sv_", "sv_port=2"), Rules.Set("sv_port", "sv_port=3"));
        Assert.Equal("sv_port=2\n", output);
    }

    [Fact]
    public void Rewrite_CrlfLines_ComeOutWithLf()
    {
        var output = Rules.Apply("file", "a=1\r\nb=2\r\n", Rules.Set("a=", "a=9"));
        Assert.Equal("a=9\nb=2\n", output);
    }

    [Fact]
    public void Rewrite_ReplaceWith_IsVerbatim_NoConfigLookup()
    {
        var output = Rules.Apply("file", "ip=x\n", Rules.Set("ip=", "ip={{config.docker.interface}}"));
        Assert.Equal("ip={{config.docker.interface}}\n", output);
    }

    [Fact]
    public void Rewrite_NoMatchingLine_AddsNothing()
    {
        var output = Rules.Apply("file", "a=1", Rules.Set("b=", "b=2"));
        Assert.Equal("a=1\n", output);
    }
}
