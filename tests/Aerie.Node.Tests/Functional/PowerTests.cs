using System.Net;
using System.Net.Http.Json;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Functional;

public sealed class PowerTests
{
    [Fact]
    public async Task Start_DoneMarker_GoesStartingThenRunning()
    {
        await using var node = await TestNode.StartAsync();
        await using var console = await node.ConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Start);
        await console.WaitForStatusAsync(ServerStates.Starting);
        await console.WaitForConsoleAsync("Aerie test game booting");
        await console.WaitForStatusAsync(ServerStates.Running);
        Assert.Equal(ServerStates.Running, node.Server.State);
    }

    [Fact]
    public async Task Start_RegexDoneMarker_GoesRunning()
    {
        await using var node = await TestNode.StartAsync(c => c.Servers[0].Done = ["regex:^Done \\(\\d+\\.\\d+s\\)!"]);
        await using var console = await node.RunningConsoleAsync();
        Assert.Equal(ServerStates.Running, node.Server.State);
    }

    [Fact]
    public async Task Start_WhenRunning_SendsServerRunningError()
    {
        await using var node = await TestNode.StartAsync();
        await using var console = await node.RunningConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Start);
        var error = await console.WaitForAsync(SocketEvents.DaemonError);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.ServerRunning), error.Args![0]);
    }

    [Fact]
    public async Task Stop_Command_GoesStoppingThenOfflineWithoutCrash()
    {
        await using var node = await TestNode.StartAsync();
        await using var console = await node.RunningConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Stop);
        await console.WaitForStatusAsync(ServerStates.Stopping);
        await console.WaitForConsoleAsync("Stopping the game");
        await console.WaitForStatusAsync(ServerStates.Offline);
        var later = await console.CollectAsync(TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain(later, f => f.Args is [var l] && l.Contains(SocketErrors.CrashDetected, StringComparison.Ordinal));
        Assert.DoesNotContain(later, f => f.Event == SocketEvents.Status && f.Args![0] == ServerStates.Starting);
    }

    [Fact]
    public async Task Stop_Signal_StopsTheGame()
    {
        await using var node = await TestNode.StartAsync(c => c.Servers[0].Stop = new() { Type = "signal", Value = "SIGTERM" });
        await using var console = await node.RunningConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Stop);
        await console.WaitForStatusAsync(ServerStates.Stopping);
        await console.WaitForStatusAsync(ServerStates.Offline);
    }

    [Fact]
    public async Task Stop_GameIgnoresStop_KilledAfterTimeout()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Power.StopTimeout = 1;
            c.Servers[0].Stop = new() { Type = "command", Value = "please-stop" };
        });
        await using var console = await node.RunningConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Stop);
        await console.WaitForConsoleAsync("echo: please-stop");
        await console.WaitForStatusAsync(ServerStates.Offline, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Stop_WhileStopPending_SendsPowerLockedError()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Power.StopTimeout = 3;
            c.Servers[0].Stop = new() { Type = "command", Value = "please-stop" };
        });
        await using var console = await node.RunningConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Stop);
        await console.WaitForStatusAsync(ServerStates.Stopping);
        await console.SendAsync(SocketEvents.SetState, PowerActions.Restart);
        var error = await console.WaitForAsync(SocketEvents.DaemonError);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.PowerLocked), error.Args![0]);
        // kill preempts the pending stop
        await console.SendAsync(SocketEvents.SetState, PowerActions.Kill);
        await console.WaitForStatusAsync(ServerStates.Offline, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task NodeApiPower_WaitSeconds_WaitsForThePendingStopThenStarts()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Power.StopTimeout = 2;
            c.Servers[0].Stop = new() { Type = "command", Value = "please-stop" };
        });
        await using var console = await node.RunningConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Stop);
        await console.WaitForStatusAsync(ServerStates.Stopping);
        // The stop holds the power lock until the game is killed (2 s); the start waits for it instead of being refused.
        using (var start = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/power", new PowerRequest(PowerActions.Start, WaitSeconds: 20)))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }
        await console.WaitForStatusAsync(ServerStates.Offline, TimeSpan.FromSeconds(10));
        await console.WaitForStatusAsync(ServerStates.Running, TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(301)]
    public async Task NodeApiPower_WaitSecondsOutOfRange_Refused(int seconds)
    {
        await using var node = await TestNode.StartAsync();
        using var response = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/power", new PowerRequest(PowerActions.Start, WaitSeconds: seconds));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("wait_seconds", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_StopsThenStartsAgain()
    {
        await using var node = await TestNode.StartAsync();
        await using var console = await node.RunningConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Restart);
        await console.WaitForStatusAsync(ServerStates.Stopping);
        await console.WaitForStatusAsync(ServerStates.Offline);
        await console.WaitForStatusAsync(ServerStates.Starting);
        await console.WaitForStatusAsync(ServerStates.Running);
    }

    [Fact]
    public async Task Kill_KillsTheWholeProcessTree()
    {
        await using var node = await TestNode.StartAsync();
        await using var console = await node.RunningConsoleAsync();
        await console.SendAsync(SocketEvents.SendCommand, "spawn");
        var spawned = await console.WaitForConsoleAsync("spawned ");
        // The game reports its PID namespace's number; the host's is what must be gone.
        var childPid = node.HostPid(int.Parse(spawned.Args![0]["spawned ".Length..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(childPid > 0 && Directory.Exists($"/proc/{childPid}"));
        await console.SendAsync(SocketEvents.SetState, PowerActions.Kill);
        await console.WaitForStatusAsync(ServerStates.Stopping);
        await console.WaitForStatusAsync(ServerStates.Offline);
        await Eventually.TrueAsync(() => !Directory.Exists($"/proc/{childPid}") || File.ReadAllText($"/proc/{childPid}/stat").Contains(") Z ", StringComparison.Ordinal), what: "the game's child process killed");
    }

    [Fact]
    public async Task Crash_NoticesThenAutomaticRestart_SecondCrashWithinGuardAborts()
    {
        await using var node = await TestNode.StartAsync();
        await using var console = await node.RunningConsoleAsync();
        await console.SendAsync(SocketEvents.SendCommand, "crash 7");
        await console.WaitForStatusAsync(ServerStates.Offline);
        await console.WaitForConsoleAsync(SocketErrors.CrashDetected);
        await console.WaitForConsoleAsync("Exit code: 7");
        await console.WaitForConsoleAsync("Out of memory: false");
        await console.WaitForStatusAsync(ServerStates.Starting);
        await console.WaitForStatusAsync(ServerStates.Running);

        await console.SendAsync(SocketEvents.SendCommand, "crash 9");
        await console.WaitForConsoleAsync("Exit code: 9");
        var notice = await console.WaitForConsoleAsync(SocketErrors.CrashAborted);
        Assert.Equal(SocketErrors.DaemonNotice(SocketErrors.CrashAborted), notice.Args![0]);
        var after = await console.CollectAsync(TimeSpan.FromMilliseconds(700));
        Assert.DoesNotContain(after, f => f.Event == SocketEvents.Status && f.Args![0] == ServerStates.Starting);
        Assert.Equal(ServerStates.Offline, node.Server.State);
    }

    [Fact]
    public async Task Crash_DetectionDisabled_NoRestart()
    {
        await using var node = await TestNode.StartAsync(c => c.Servers[0].CrashDetectionEnabled = false);
        await using var console = await node.RunningConsoleAsync();
        await console.SendAsync(SocketEvents.SendCommand, "crash 4");
        await console.WaitForConsoleAsync("Exit code: 4");
        var after = await console.CollectAsync(TimeSpan.FromMilliseconds(700));
        Assert.DoesNotContain(after, f => f.Event == SocketEvents.Status && f.Args![0] == ServerStates.Starting);
    }

    [Fact]
    public async Task Variables_ReachTheGameAsEnvironment_NeverSpliced()
    {
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Servers[0].Environment = new() { ["GREETING"] = "$(touch pwned) `touch pwned2`; echo hacked" };
            c.Servers[0].Invocation = $"echo \"greeting={{{{GREETING}}}}\"; exec sh {TestNode.GameScript}";
        });
        await using var console = await node.RunningConsoleAsync();
        Assert.Contains(console.Received, f => f.Args is [var l] && l == "greeting=$(touch pwned) `touch pwned2`; echo hacked");
        Assert.False(File.Exists(Path.Combine(node.Server.WorkingDirectory, "pwned")));
        Assert.False(File.Exists(Path.Combine(node.Server.WorkingDirectory, "pwned2")));
    }

    [Fact]
    public async Task Stats_SentWhileRunning_ZeroedOnOffline()
    {
        await using var node = await TestNode.StartAsync();
        await using var console = await node.RunningConsoleAsync();
        var stats = await console.WaitForAsync(SocketEvents.Stats, f => f.Args![0].Contains("\"state\":\"running\"", StringComparison.Ordinal));
        using var doc = System.Text.Json.JsonDocument.Parse(stats.Args![0]);
        Assert.True(doc.RootElement.GetProperty("memory_bytes").GetInt64() > 0);
        Assert.True(doc.RootElement.GetProperty("uptime").GetInt64() >= 0);
        foreach (var key in new[] { "memory_limit_bytes", "cpu_absolute", "network", "disk_bytes" })
        {
            Assert.True(doc.RootElement.TryGetProperty(key, out _), key);
        }
        await console.SendAsync(SocketEvents.SetState, PowerActions.Kill);
        var zero = await console.WaitForAsync(SocketEvents.Stats, f => f.Args![0].Contains("\"state\":\"offline\"", StringComparison.Ordinal));
        Assert.Contains("\"memory_bytes\":0", zero.Args![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaemonStop_StopsGamesCleanly()
    {
        var node = await TestNode.StartAsync();
        string logFile;
        int pid;
        try
        {
            await using var console = await node.RunningConsoleAsync();
            await console.SendAsync(SocketEvents.SendCommand, "pid");
            var line = await console.WaitForConsoleAsync("pid ");
            pid = node.HostPid(int.Parse(line.Args![0]["pid ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(pid > 0, "the game's process seen from the host");
            logFile = node.Server.LogFilePath;
        }
        finally
        {
            await node.App.StopAsync();
        }
        Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal), "game still running");
        Assert.Contains("Stopping the game", await File.ReadAllTextAsync(logFile), StringComparison.Ordinal);
        await node.DisposeAsync();
    }
}
