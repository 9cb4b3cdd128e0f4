using Aerie.Node.Environments.Docker;

namespace Aerie.Docker.Tests;

public sealed class CursorFilterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IsNew_NoCursor_Everything()
    {
        var filter = new CursorFilter(null);

        Assert.True(filter.IsNew(T0));
        Assert.True(filter.IsNew(T0.AddSeconds(-5)));
    }

    [Fact]
    public void IsNew_CursorCountsEntriesOfItsInstant_SkipsExactlyThose()
    {
        // Seen: everything before T0+1s and two of the entries stamped T0+1s.
        var filter = new CursorFilter(new LogCursor("c", T0.AddSeconds(1), 2));
        var stamps = new[] { T0, T0, T0.AddSeconds(1), T0.AddSeconds(1), T0.AddSeconds(1), T0.AddSeconds(2) };

        Assert.Equal([false, false, false, false, true, true], stamps.Select(filter.IsNew));
    }

    [Fact]
    public void Advance_SameInstant_CountsUp()
    {
        var cursor = new LogCursor("c", T0, 1).Advance(T0).Advance(T0);

        Assert.Equal(3, cursor.SeenAtInstant);
        Assert.Equal(new LogCursor("c", T0.AddSeconds(1), 1), cursor.Advance(T0.AddSeconds(1)));
    }
}
