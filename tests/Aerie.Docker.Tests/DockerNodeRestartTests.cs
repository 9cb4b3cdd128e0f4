using System.Globalization;
using Aerie.Contracts.Socket;
using Aerie.Docker.Tests.Support;

namespace Aerie.Docker.Tests;

public sealed class DockerNodeRestartTests
{
    private static readonly TimeSpan Wait = DockerNode.Wait;

    // A counter every ~100 ms in the background; stdin read in the foreground until "stop" (exit ends the container).
    private const string CounterGame =
        "echo 'Done (0.1s)!'; (i=0; while true; do echo \"n $i\"; i=$((i+1)); sleep 0.1; done) & " +
        "while read line; do echo \"got: $line\"; [ \"$line\" = stop ] && exit 0; done";

    [Fact]
    public async Task DaemonRestart_MidRun_ConsoleContinuesHistoryKeptNoLineLost()
    {
        await using var docker = await DockerNode.StartAsync(DockerNode.Server(CounterGame));
        var token = docker.Node.Token();
        await using (var before = await docker.RunningConsoleAsync())
        {
            await before.WaitForConsoleAsync("n 5", Wait);
        }

        await docker.RestartAsync(); // the container keeps counting while no daemon listens
        await using var after = await ConsoleClient.ConnectAsync(docker.Node.SocketUri());
        await after.AuthAsync(token); // the token minted before the restart is still valid
        await after.WaitForAsync(SocketEvents.AuthSuccess, timeout: Wait);
        await after.WaitForStatusAsync(ServerStates.Running, Wait);
        var live = await after.WaitForAsync(SocketEvents.ConsoleOutput, f => Counter(f) > 5, Wait);
        await after.WaitForAsync(SocketEvents.ConsoleOutput, f => Counter(f) > Counter(live), Wait);

        await after.SendAsync(SocketEvents.SendLogs);
        await after.WaitForConsoleAsync("n 5", Wait); // printed before the restart, replayed from history
        await after.SendAsync(SocketEvents.SendCommand, "stop");
        await after.WaitForStatusAsync(ServerStates.Offline, Wait);
        var last = docker.Node.Server.History.Last(200).Select(CounterOf).Max();
        await docker.RestartAsync(); // flushes the console log file

        var counters = File.ReadLines(docker.LogFile).Select(CounterOf).Where(n => n >= 0).ToList();
        // A clean daemon stop saves the console cursor, so nothing repeats either.
        Assert.Equal(Enumerable.Range(0, last + 1), counters);
        Assert.True(last > Counter(live), $"the counter stopped at {last}");
    }

    [Fact]
    public async Task DaemonRestart_ContainerExitedWhileAway_ItsLastOutputKeptServerOffline()
    {
        // The game ends when a file appears in its folder: only after the first daemon is gone.
        var game = "echo 'Done (0.1s)!'; while [ ! -f gone ]; do sleep 0.1; done; echo 'last words'; exit 3";
        await using var docker = await DockerNode.StartAsync(DockerNode.Server(game));
        await using (var before = await docker.RunningConsoleAsync())
        {
            await docker.RestartAsync(whileAway: async () =>
            {
                await File.WriteAllTextAsync(Path.Combine(docker.DataRoot, docker.Entry.Uuid, "gone"), "");
                await docker.WaitForContainerExitAsync();
            });
        }
        await using var after = await docker.ConsoleAsync();
        await Eventually.TrueAsync(() => docker.Node.Server.History.Last(10).Any(l => l == "last words"), Wait, "the exited container's output in the history");
        await docker.RestartAsync(); // flushes the console log file

        Assert.Equal(ServerStates.Offline, docker.Node.Server.State);
        Assert.Single(File.ReadLines(docker.LogFile), l => l == "last words");
    }

    [Fact]
    public async Task DaemonRestart_EngineDownAtBoot_StartAdoptsTheSurvivingContainer()
    {
        var link = Path.Combine(Path.GetTempPath(), "aerie-docker-node-tests", Guid.NewGuid().ToString("N") + ".sock");
        await using var docker = await DockerNode.StartAsync(DockerNode.Server(DockerNode.EchoGame));
        await using (var before = await docker.RunningConsoleAsync())
        {
            // Nothing answers at the new daemon's socket yet: its re-attach fails and the server shows offline.
            await docker.RestartAsync(engineSocket: link);
        }
        try
        {
            await Eventually.TrueAsync(() => docker.Node.Server.History.Last(10).Any(l => l.Contains("Could not check for a running server", StringComparison.Ordinal)), Wait, "the failed re-attach in the history");
            Assert.Equal(ServerStates.Offline, docker.Node.Server.State);
            File.CreateSymbolicLink(link, TestEngine.SocketPath); // the engine is back

            await using var console = await docker.RunningConsoleAsync();
            await console.SendAsync(SocketEvents.SendCommand, "still there");
            await console.WaitForConsoleAsync("got: still there", Wait);

            Assert.Single(docker.Node.Server.History.Last(200), l => l == "booting"); // the same container, not a new one
        }
        finally
        {
            File.Delete(link);
        }
    }

    private static int Counter(SocketFrame frame) => frame.Args is [var line] ? CounterOf(line) : -1;

    private static int CounterOf(string line) =>
        line.StartsWith("n ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
}
