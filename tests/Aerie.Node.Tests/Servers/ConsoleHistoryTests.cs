using System.Text;
using Aerie.Node.Servers;

namespace Aerie.Node.Tests.Servers;

public sealed class ConsoleHistoryTests
{
    [Fact]
    public void LastFrames_LineAddedWithItsFrame_ReplaysThatFrameItself()
    {
        var history = new ConsoleHistory(10);
        var frame = ServerFrames.Console("hello");
        history.Add("hello", frame);
        Assert.Same(frame, Assert.Single(history.LastFrames(5)));
    }

    [Fact]
    public void LastFrames_LineAddedWithoutFrame_EncodedOnceThenKept()
    {
        var history = new ConsoleHistory(10);
        history.Add("withheld <b>");
        var first = Assert.Single(history.LastFrames(5));
        Assert.Equal("{\"event\":\"console output\",\"args\":[\"withheld \\u003Cb\\u003E\"]}", Encoding.UTF8.GetString(first.Utf8.Span));
        Assert.Same(first, Assert.Single(history.LastFrames(5)));
    }

    [Fact]
    public void LastFrames_PastCapacity_NewestOnesOldestFirstMatchingLast()
    {
        var history = new ConsoleHistory(3);
        for (var i = 0; i < 5; i++)
        {
            history.Add($"line {i}", i % 2 == 0 ? ServerFrames.Console($"line {i}") : null);
        }
        Assert.Equal(["line 3", "line 4"], history.Last(2));
        var frames = history.LastFrames(10).Select(f => Encoding.UTF8.GetString(f.Utf8.Span)).ToArray();
        Assert.Equal(history.Last(10).Select(l => Encoding.UTF8.GetString(ServerFrames.Console(l).Utf8.Span)), frames);
        Assert.Equal(3, frames.Length);
    }
}
