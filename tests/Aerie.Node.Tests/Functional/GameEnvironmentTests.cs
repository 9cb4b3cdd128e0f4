namespace Aerie.Node.Tests.Functional;

/// <summary>The game on the process runtime sees the §5.4 environment (spec 05) built by the one node-side builder.</summary>
public sealed class GameEnvironmentTests
{
    [Theory]
    [InlineData("", "Asia/Tokyo")]
    [InlineData("America/Chicago", "America/Chicago")]
    [InlineData("Nowhere/Special", "Asia/Tokyo")]
    public async Task Game_SeesTimezoneMemoryAndStartup(string serverTimezone, string tz)
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.System.Timezone = "Asia/Tokyo";
            c.Servers[0].Limits.Memory = 512;
            c.Servers[0].Environment = serverTimezone.Length == 0 ? [] : new() { ["server_timezone"] = serverTimezone };
        });
        await using var console = await node.RunningConsoleAsync();
        await console.SendAsync("send command", "env TZ");
        await console.WaitForConsoleAsync("env TZ=" + tz);
        await console.SendAsync("send command", "env SERVER_MEMORY");
        await console.WaitForConsoleAsync("env SERVER_MEMORY=512");
        await console.SendAsync("send command", "env STARTUP");
        await console.WaitForConsoleAsync("env STARTUP=" + node.Config.Servers[0].Invocation);
    }
}
