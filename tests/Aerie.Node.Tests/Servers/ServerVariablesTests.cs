using Aerie.Contracts.RemoteApi;
using Aerie.Node.Configuration;
using Aerie.Node.Servers;

namespace Aerie.Node.Tests.Servers;

/// <summary>The §5.4 environment (spec 05): order, first occurrence wins, upper-cased egg keys, the time zone rule.</summary>
public sealed class ServerVariablesTests
{
    private static ServerSettings Settings(Dictionary<string, string> environment, int port = 25565) => new(
        "6f1f8f7c-1c2d-4a8e-9b0e-3d9f2b7a1c55", new ServerMeta("s"), false, environment, "java -Xmx{{SERVER_MEMORY}}M -jar server.jar",
        new BuildSettings(MemoryLimit: 2048), new ContainerSettings("img"),
        new Allocations(new AllocationAddress("127.0.0.1", port), new Dictionary<string, IReadOnlyList<int>>()));

    private static NodeConfig Node(string timezone = "Europe/Berlin") => new() { System = new SystemConfig { Timezone = timezone } };

    [Fact]
    public void Build_OrderAndValues_FirstOccurrenceWins()
    {
        var env = ServerVariables.Build(Settings(new()
        {
            ["server_port"] = "1",
            ["STARTUP"] = "other",
            ["version"] = "1.21",
            ["P_SERVER_UUID"] = "from-panel",
            ["TZ"] = "Asia/Tokyo",
        }), Node());
        Assert.Equal(["TZ", "STARTUP", "SERVER_MEMORY", "SERVER_IP", "SERVER_PORT", "VERSION", "P_SERVER_UUID"], env.Keys.ToArray());
        Assert.Equal("Europe/Berlin", env["TZ"]);
        Assert.Equal("java -Xmx{{SERVER_MEMORY}}M -jar server.jar", env["STARTUP"]);
        Assert.Equal("2048", env["SERVER_MEMORY"]);
        Assert.Equal(("127.0.0.1", "25565"), (env["SERVER_IP"], env["SERVER_PORT"]));
        Assert.Equal("1.21", env["VERSION"]);
        Assert.Equal("from-panel", env["P_SERVER_UUID"]);
    }

    [Theory]
    [InlineData("America/New_York", "America/New_York")]
    [InlineData("Not/A_Zone", "Europe/Berlin")]
    [InlineData("../../etc/passwd", "Europe/Berlin")]
    public void Build_ServerTimezone_UsedOnlyWhenValidIana(string own, string expected)
    {
        var env = ServerVariables.Build(Settings(new() { ["SERVER_TIMEZONE"] = own }), Node());
        Assert.Equal(expected, env["TZ"]);
    }

    [Fact]
    public void Build_NoAllocation_NoIpOrPort_UuidFromSettings()
    {
        var env = ServerVariables.Build(Settings([], port: 0), Node("UTC"));
        Assert.False(env.ContainsKey("SERVER_IP") || env.ContainsKey("SERVER_PORT"));
        Assert.Equal("UTC", env["TZ"]);
        Assert.Equal("6f1f8f7c-1c2d-4a8e-9b0e-3d9f2b7a1c55", env["P_SERVER_UUID"]);
    }
}
