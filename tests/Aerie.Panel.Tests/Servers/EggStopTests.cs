using Aerie.Contracts.RemoteApi;
using Aerie.Panel.Servers;

namespace Aerie.Panel.Tests.Servers;

/// <summary>spec 05 §3's table: an egg's <c>config.stop</c> → process_configuration.stop.</summary>
public sealed class EggStopTests
{
    [Theory]
    [InlineData("stop", "command", "stop")]
    [InlineData("/stop", "command", "/stop")]
    [InlineData("quit", "command", "quit")]
    [InlineData("^C", "signal", "C")]
    [InlineData("^c", "signal", "C")]
    [InlineData("^SIGTERM", "signal", "SIGTERM")]
    [InlineData("^sigint", "signal", "SIGINT")]
    [InlineData("^SIGABRT", "signal", "SIGABRT")]
    [InlineData("^^C", "signal", "^C")]
    [InlineData("^X", "signal", "X")]
    public void Stop_CaretIsASignalUpperCased_ElseACommand(string egg, string type, string value) =>
        Assert.Equal(new StopConfiguration(type, value), EggProcessConfigurations.Stop(egg));

    [Theory]
    [InlineData("""{"done":"Done ("}""", new[] { "Done (" }, false)]
    [InlineData("""{"done":["a","regex:^b$"],"strip_ansi":true}""", new[] { "a", "regex:^b$" }, true)]
    [InlineData("""{"userInteraction":["x"]}""", new string[0], false)]
    [InlineData("""not json""", new string[0], false)]
    public void Startup_StringBecomesAList_ListKept(string json, string[] done, bool stripAnsi)
    {
        var startup = EggProcessConfigurations.Startup(json);
        Assert.Equal(done, startup.Done);
        Assert.Equal(stripAnsi, startup.StripAnsi);
        Assert.Empty(startup.UserInteraction);
    }
}
