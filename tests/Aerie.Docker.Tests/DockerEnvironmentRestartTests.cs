using System.Globalization;
using Aerie.Docker.Tests.Support;

namespace Aerie.Docker.Tests;

public sealed class DockerEnvironmentRestartTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Both console readers: polled (Podman's default) and one follow stream (Docker's default;
    /// Podman's follow is fine at this output rate).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AttachExisting_AfterDaemonAway_ResumesWithoutGapsOrRepeats(bool followLogs)
    {
        await using var server = new TestServer(followLogs: followLogs);
        const int count = 40;
        // A counter every 100 ms in the background; stdin echoed in the foreground until "stop".
        var spec = server.Spec(
            $"(i=0; while [ $i -lt {count} ]; do echo \"n $i\"; i=$((i+1)); sleep 0.1; done; echo counted) & " +
            "while read line; do echo \"got: $line\"; [ \"$line\" = stop ] && break; done; wait");
        var first = server.NewEnvironment();
        var startedBefore = DateTimeOffset.UtcNow;
        await first.StartAsync(spec, CancellationToken.None);
        var startedAfter = DateTimeOffset.UtcNow;
        await server.Output.WaitForTextAsync("n 5\n", Wait);

        await first.DisposeAsync(); // the daemon stops: the container must keep running
        await Task.Delay(TimeSpan.FromMilliseconds(1500)); // the game prints while nobody listens
        var second = server.NewEnvironment();
        Assert.True(await second.AttachExistingAsync(spec, CancellationToken.None));
        Assert.True(second.IsRunning);
        var stats = await second.GetStatsAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        // Counted from the container's start (between the two marks), not from the re-attach.
        Assert.InRange(stats.UptimeMs, (long)(now - startedAfter).TotalMilliseconds - 1000, (long)(now - startedBefore).TotalMilliseconds + 1000);

        await server.Output.WaitForTextAsync("counted\n", Wait);
        await second.WriteLineAsync("still here", CancellationToken.None);
        await server.Output.WaitForTextAsync("got: still here\n", Wait);
        await second.WriteLineAsync("stop", CancellationToken.None);
        var exit = await server.Output.WaitForExitAsync(Wait);

        var counters = server.Output.Text.Split('\n').Where(l => l.StartsWith("n ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, count).Select(i => "n " + i.ToString(CultureInfo.InvariantCulture)), counters);
        Assert.Equal(0, exit.ExitCode);
        Assert.Equal(1, server.Output.ExitCount);
    }

    [Fact]
    public async Task AttachExisting_NoCursorSaved_ReplaysWholeLog()
    {
        await using var server = new TestServer();
        var spec = server.Spec("echo one; echo two; while read line; do [ \"$line\" = stop ] && exit 0; done");
        var first = server.NewEnvironment();
        await first.StartAsync(spec, CancellationToken.None);
        await server.Output.WaitForTextAsync("two\n", Wait);
        await first.DisposeAsync();
        File.Delete(Path.Combine(server.Options.StateDirectory, server.Uuid + ".cursor"));

        var second = server.NewEnvironment();
        Assert.True(await second.AttachExistingAsync(spec, CancellationToken.None));
        await server.Output.WaitForTextAsync("one\ntwo\none\ntwo\n", Wait);
        await second.WriteLineAsync("stop", CancellationToken.None);
        await server.Output.WaitForExitAsync(Wait);

        Assert.Equal("one\ntwo\none\ntwo\n", server.Output.Text);
    }
}
