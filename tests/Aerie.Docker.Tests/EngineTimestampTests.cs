using System.Text;
using Aerie.Node.Environments.Docker;

namespace Aerie.Docker.Tests;

public sealed class EngineTimestampTests
{
    [Theory]
    [InlineData("2026-11-27T21:40:29Z", "2026-11-27T21:40:29.0000000+00:00")]
    [InlineData("2026-11-27T21:40:29.918831620Z", "2026-11-27T21:40:29.9188316+00:00")]
    [InlineData("2026-11-27T21:40:29.5+02:00", "2026-11-27T21:40:29.5000000+02:00")]
    public void TryParse_EngineStamps_Parsed(string stamp, string expected)
    {
        Assert.True(EngineTimestamp.TryParse(Encoding.ASCII.GetBytes(stamp), out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("not a timestamp at all, much longer than forty characters")]
    public void TryParse_Garbage_False(string text)
    {
        Assert.False(EngineTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }
}
