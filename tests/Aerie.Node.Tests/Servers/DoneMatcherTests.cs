using Aerie.Node.Servers;

namespace Aerie.Node.Tests.Servers;

public sealed class DoneMatcherTests
{
    [Theory]
    [InlineData("Done (", "[12:00] Done (3.2s)! For help", true)]
    [InlineData("Done (", "Loading", false)]
    [InlineData("regex:^\\[\\d+:\\d+\\] Server started$", "[12:00] Server started", true)]
    [InlineData("regex:^Server started$", "[12:00] Server started", false)]
    public void Matches_SubstringOrRegex(string marker, string line, bool expected) =>
        Assert.Equal(expected, new DoneMatcher([marker]).Matches(line));

    [Fact]
    public void StripAnsi_ColoredLineMatchesPlainMarker() =>
        Assert.True(new DoneMatcher(["Done ("]).Matches(ConsoleText.StripAnsi("\u001b[32mDone\u001b[0m (1s)")));
}
