using Aerie.Node.Servers;

namespace Aerie.Node.Tests.Servers;

/// <summary>The signal a `signal` stop sends (spec 05 §3's table, node side).</summary>
public sealed class StopSignalTests
{
    [Theory]
    [InlineData("C", "SIGINT")] // an egg's ^C (184 public eggs): SIGINT, as Pelican's Wings
    [InlineData("c", "SIGINT")]
    [InlineData("SIGINT", "SIGINT")]
    [InlineData("SIGTERM", "SIGTERM")]
    [InlineData("sigterm", "SIGTERM")]
    [InlineData("SIGABRT", "SIGABRT")]
    [InlineData("TERM", "SIGTERM")]
    [InlineData("^C", "SIGKILL")] // an egg's ^^C: not a name, so killed, as both Wings do
    [InlineData("X", "SIGKILL")]
    [InlineData("", "SIGKILL")]
    public void Of_MapsTheStopValue(string value, string expected) => Assert.Equal(expected, StopSignal.Of(value));
}
