namespace Aerie.Node.Tests.Testing;

/// <summary>The kit's bounded poll: it returns as soon as the condition holds and fails naming what it waited for.</summary>
public sealed class EventuallyTests
{
    [Fact]
    public async Task TrueAsync_NeverTrue_TimesOutNamingTheWait()
    {
        var e = await Assert.ThrowsAsync<TimeoutException>(() => Eventually.TrueAsync(() => false, "the moon to turn blue", TimeSpan.FromMilliseconds(100)));
        Assert.Contains("the moon to turn blue", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValueAsync_BecomesTrue_ReturnsTheValueThatSatisfiedIt()
    {
        var calls = 0;
        var value = await Eventually.ValueAsync(() => Task.FromResult(++calls), n => n >= 3, "the third call", TimeSpan.FromSeconds(5));
        Assert.Equal(3, value);
    }

    [Fact]
    public async Task ValueAsync_TimesOut_DescribesTheLastValue()
    {
        var e = await Assert.ThrowsAsync<TimeoutException>(() =>
            Eventually.ValueAsync(() => Task.FromResult(7), n => n > 10, "a big number", TimeSpan.FromMilliseconds(100), describe: n => $"n = {n}"));
        Assert.Contains("n = 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrueAsync_BlankDescription_Refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Eventually.TrueAsync(() => true, " "));
    }
}
