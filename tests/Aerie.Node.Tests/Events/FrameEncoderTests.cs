using System.Text;
using Aerie.Node.Events;

namespace Aerie.Node.Tests.Events;

public sealed class FrameEncoderTests
{
    [Fact]
    public void Encode_NoArgs_ArgsOmitted() =>
        Assert.Equal("{\"event\":\"auth success\"}", Encoding.UTF8.GetString(FrameEncoder.Encode("auth success")));

    [Fact]
    public void Encode_Args_CompactLikeGo()
    {
        var json = Encoding.UTF8.GetString(FrameEncoder.Encode("console output", "<b>a & b</b> \u001b[33mé\uFFFD \"q\""));
        Assert.Equal("{\"event\":\"console output\",\"args\":[\"\\u003Cb\\u003Ea \\u0026 b\\u003C/b\\u003E \\u001B[33mé\uFFFD \\u0022q\\u0022\"]}", json);
    }

    [Fact]
    public void FanOut_UnsubscribedHandler_NotCalled()
    {
        var fan = new FanOut<int>();
        var seen = new List<int>();
        var first = fan.Subscribe(seen.Add);
        using var second = fan.Subscribe(i => seen.Add(i * 10));
        fan.Publish(1);
        first.Dispose();
        first.Dispose();
        fan.Publish(2);
        Assert.Equal([1, 10, 20], seen);
        Assert.Equal(1, fan.Count);
    }
}
