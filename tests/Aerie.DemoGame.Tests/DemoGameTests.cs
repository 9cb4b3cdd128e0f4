using System.Diagnostics;

namespace Aerie.DemoGame.Tests;

public sealed class DemoGameTests
{
    [Fact]
    public async Task Start_PrintsColouredBannerThenDoneLine()
    {
        await using var game = DemoGameProcess.Start();

        var banner = await game.WaitForLineAsync("Starting minecraft server version");
        var done = await game.WaitForLineAsync("Done (");

        Assert.Contains("\u001b[", banner, StringComparison.Ordinal);
        Assert.Matches(@"Done \(\d+\.\d{3}s\)! For help, type ""help""$", done);
    }

    [Fact]
    public async Task Say_PrintsServerPrefixedText()
    {
        await using var game = DemoGameProcess.Start();
        await game.WaitForLineAsync("Done (");

        await game.SendAsync("say hello there");

        var line = await game.WaitForLineAsync("[Server]");
        Assert.EndsWith("[Server] hello there", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        await using var game = DemoGameProcess.Start();
        await game.WaitForLineAsync("Done (");

        await game.SendAsync("help");

        await game.WaitForLineAsync("--- Showing help ---");
        foreach (var command in new[] { "help -", "say <text>", "list -", "status -", "flood <n>", "crash -", "stop -" })
        {
            await game.WaitForLineAsync(command);
        }
    }

    [Fact]
    public async Task UnknownCommand_PrintsHint()
    {
        await using var game = DemoGameProcess.Start();
        await game.WaitForLineAsync("Done (");

        await game.SendAsync("teleport me");

        await game.WaitForLineAsync("Unknown command. Type \"help\" for help.");
    }

    [Fact]
    public async Task List_ShowsConfiguredPlayers()
    {
        await using var game = DemoGameProcess.Start(new Dictionary<string, string> { ["DEMO_PLAYERS"] = "Alex,Steve" });
        await game.WaitForLineAsync("Done (");

        await game.SendAsync("list");

        var line = await game.WaitForLineAsync("players online");
        Assert.EndsWith("There are 2 of a max of 20 players online: Alex, Steve", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ReportsHeldMemory()
    {
        await using var game = DemoGameProcess.Start(new Dictionary<string, string> { ["DEMO_MEMORY_MB"] = "8" });
        await game.WaitForLineAsync("Done (");

        await game.SendAsync("status");

        var line = await game.WaitForLineAsync("Status: running");
        Assert.Contains("holding 8 MB", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flood_BadCount_PrintsUsage()
    {
        await using var game = DemoGameProcess.Start();
        await game.WaitForLineAsync("Done (");

        await game.SendAsync("flood lots");

        await game.WaitForLineAsync("Usage: flood <count 1-10000000>");
    }

    [Fact]
    public async Task Flood_PrintsNumberedLinesInOrder()
    {
        await using var game = DemoGameProcess.Start();
        await game.WaitForLineAsync("Done (");

        await game.SendAsync("flood 2000");

        for (var i = 1; i <= 2000; i += 333)
        {
            await game.WaitForLineAsync($"[flood] line {i} of 2000");
        }
        await game.WaitForLineAsync("Flood finished: 2000 lines");
    }

    [Fact]
    public async Task StatusInterval_PrintsPeriodicStatusLines()
    {
        await using var game = DemoGameProcess.Start(new Dictionary<string, string> { ["DEMO_STATUS_INTERVAL_S"] = "1" });
        await game.WaitForLineAsync("Done (");

        await game.WaitForLineAsync("Status: running");
        await game.WaitForLineAsync("Status: running");
    }

    [Fact]
    public async Task Stop_SavesAndExitsZero()
    {
        await using var game = DemoGameProcess.Start();
        await game.WaitForLineAsync("Done (");

        await game.SendAsync("stop");

        await game.WaitForLineAsync("Saving worlds");
        await game.WaitForLineAsync("All dimensions are saved");
        Assert.Equal(0, await game.WaitForExitAsync());
    }

    [Fact]
    public async Task Crash_ExitsOne()
    {
        await using var game = DemoGameProcess.Start();
        await game.WaitForLineAsync("Done (");

        await game.SendAsync("crash");

        await game.WaitForLineAsync("Encountered an unexpected exception");
        Assert.Equal(1, await game.WaitForExitAsync());
    }

    [Fact]
    public async Task StdinEof_StopsCleanly()
    {
        await using var game = DemoGameProcess.Start();
        await game.WaitForLineAsync("Done (");

        game.CloseInput();

        await game.WaitForLineAsync("Console input closed");
        Assert.Equal(0, await game.WaitForExitAsync());
    }

    [Fact]
    public async Task Sigterm_SavesAndExitsZero()
    {
        await using var game = DemoGameProcess.Start();
        await game.WaitForLineAsync("Done (");

        using (var kill = Process.Start("kill", ["-TERM", game.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await game.WaitForLineAsync("Received a termination signal");
        await game.WaitForLineAsync("All dimensions are saved");
        Assert.Equal(0, await game.WaitForExitAsync());
    }
}
