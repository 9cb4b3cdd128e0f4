namespace Aerie.Node.Tests.ConfigFiles;

public sealed class XmlParserTests
{
    [Fact]
    public void Rewrite_ElementPath_SetsTextAndCreatesMissingElements()
    {
        var content = "<?xml version=\"1.0\" encoding=\"utf-8\"?><ServerSettings><ServerName>Old</ServerName><Port>1</Port></ServerSettings>";
        var output = Rules.Apply("xml", content,
            Rules.Set("ServerSettings.ServerName", "My <Server>"),
            Rules.Set("ServerSettings.Network.QueryPort", "27016"));
        Assert.Equal("""
            <?xml version="1.0" encoding="utf-8"?>
            <ServerSettings>
              <ServerName>My &lt;Server&gt;</ServerName>
              <Port>1</Port>
              <Network>
                <QueryPort>27016</QueryPort>
              </Network>
            </ServerSettings>

            """.Replace("\r\n", "\n", StringComparison.Ordinal), output);
    }

    [Fact]
    public void Rewrite_AttributeValue_SetsTheAttribute()
    {
        var content = "<config><property name=\"port\" value=\"1\"/></config>";
        var output = Rules.Apply("xml", content, Rules.Set("config.property", "[value='7777']"));
        Assert.Equal("<config>\n  <property name=\"port\" value=\"7777\" />\n</config>\n", output);
    }

    [Fact]
    public void Rewrite_EmptyFile_CreatesTheRoot()
    {
        var output = Rules.Apply("xml", "", Rules.Set("root.child", "{{config.docker.interface}}"));
        Assert.Equal("<root>\n  <child>172.18.0.1</child>\n</root>\n", output);
    }

    [Fact]
    public void Rewrite_OtherRoot_IsLeftAlone_IfValueIgnored()
    {
        var output = Rules.Apply("xml", "<a><b>1</b></a>", Rules.Set("z.b", "2"), Rules.Set("a.b", "3", ifValue: "nope"));
        Assert.Equal("<a>\n  <b>3</b>\n</a>\n", output);
    }

    [Fact]
    public void Rewrite_Dtd_IsRefused()
    {
        var content = "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
        Assert.ThrowsAny<System.Xml.XmlException>(() => Rules.Apply("xml", content, Rules.Set("a", "1")));
    }
}
