using System.Text;
using Aerie.Node.WebSockets;

namespace Aerie.Node.Tests.WebSockets;

public sealed class InboundFrameTests
{
    [Theory]
    [InlineData("{\"event\":\"send command\",\"args\":[\"say hi\"]}", "send command", new[] { "say hi" })]
    [InlineData("{\"event\":\"auth\",\"args\":[\"a\",\"b\"]}", "auth", new[] { "a", "b" })]
    [InlineData("{\"event\":\"send logs\",\"args\":[null]}", "send logs", new string[0])]
    [InlineData("{\"args\":[],\"event\":\"send stats\",\"extra\":1}", "send stats", new string[0])]
    public void TryParse_Valid(string json, string name, string[] args)
    {
        Assert.True(InboundFrame.TryParse(Encoding.UTF8.GetBytes(json), out var parsedName, out var parsedArgs));
        Assert.Equal(name, parsedName);
        Assert.Equal(args, parsedArgs);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"event\":null}")]
    [InlineData("{\"event\":\"x\",\"args\":[1]}")]
    [InlineData("{\"event\":\"x\",\"args\":[[\"deep\"]]}")]
    [InlineData("{\"event\":\"x\"")]
    public void TryParse_Invalid_False(string json) =>
        Assert.False(InboundFrame.TryParse(Encoding.UTF8.GetBytes(json), out _, out _));
}
