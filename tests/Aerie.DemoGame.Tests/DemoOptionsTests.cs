namespace Aerie.DemoGame.Tests;

public sealed class DemoOptionsTests
{
    [Fact]
    public void FromEnvironment_Unset_UsesDefaults()
    {
        var options = DemoOptions.FromEnvironment(_ => null);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.StartupDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.StatusInterval);
        Assert.Equal(0, options.MemoryMb);
        Assert.Empty(options.Players);
    }

    [Fact]
    public void FromEnvironment_ValidValues_AreRead()
    {
        var env = new Dictionary<string, string>
        {
            [DemoOptions.StartupDelayVar] = "250",
            [DemoOptions.StatusIntervalVar] = "0",
            [DemoOptions.MemoryVar] = "32",
            [DemoOptions.PlayersVar] = " Alex , Steve ,",
        };

        var options = DemoOptions.FromEnvironment(name => env.GetValueOrDefault(name));

        Assert.Equal(TimeSpan.FromMilliseconds(250), options.StartupDelay);
        Assert.Equal(TimeSpan.Zero, options.StatusInterval);
        Assert.Equal(32, options.MemoryMb);
        Assert.Equal(["Alex", "Steve"], options.Players);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("lots")]
    [InlineData("99999999")]
    public void FromEnvironment_BadValue_FallsBackToDefault(string value)
    {
        var options = DemoOptions.FromEnvironment(name => name == DemoOptions.StartupDelayVar ? value : null);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.StartupDelay);
    }
}
