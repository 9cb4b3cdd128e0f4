using Aerie.Docker.Tests.Support;

namespace Aerie.Docker.Tests;

public sealed class DockerEnvironmentConsoleTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_PrintingGame_RaisesOutputThenExited(bool followLogs)
    {
        await using var server = new TestServer(followLogs: followLogs);
        var environment = server.NewEnvironment();
        var variables = new Dictionary<string, string> { ["GREETING"] = "$(echo spliced)" };

        await environment.StartAsync(server.Spec("echo \"hello $GREETING\"; echo to-stderr >&2; printf 'no newline'; exit 4", variables: variables), CancellationToken.None);
        var exit = await server.Output.WaitForExitAsync(Wait);

        // stdout and stderr are separate pipes: only the order within each stream is defined.
        Assert.Contains("to-stderr\n", server.Output.Text, StringComparison.Ordinal);
        Assert.Equal("hello $(echo spliced)\nno newline", server.Output.Text.Replace("to-stderr\n", "", StringComparison.Ordinal));
        Assert.Equal(4, exit.ExitCode);
        Assert.False(exit.OutOfMemory);
        Assert.False(environment.IsRunning);
        Assert.Equal(1, server.Output.ExitCount);
    }

    [Fact]
    public async Task WriteLine_ReadingGame_EchoesCommand()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();
        await environment.StartAsync(server.Spec("echo ready; while read line; do echo \"got: $line\"; [ \"$line\" = stop ] && exit 0; done"), CancellationToken.None);
        await server.Output.WaitForTextAsync("ready", Wait);

        await environment.WriteLineAsync("say hi", CancellationToken.None);
        await server.Output.WaitForTextAsync("got: say hi\n", Wait);
        await environment.WriteLineAsync("stop", CancellationToken.None);
        var exit = await server.Output.WaitForExitAsync(Wait);

        Assert.Equal(0, exit.ExitCode);
        Assert.Contains("got: stop\n", server.Output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ServerFolder_IsTheWorkingDirectory()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();
        var spec = server.Spec("pwd; echo saved > marker.txt");

        await environment.StartAsync(spec, CancellationToken.None);
        await server.Output.WaitForExitAsync(Wait);

        Assert.Equal("/home/container\n", server.Output.Text);
        Assert.Equal("saved\n", await File.ReadAllTextAsync(Path.Combine(spec.WorkingDirectory, "marker.txt")));
    }

    [Fact]
    public async Task Start_ChattyGame_EveryLineInOrder()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();

        await environment.StartAsync(server.Spec(
            "for b in 0 1 2 3 4 5 6 7 8 9; do seq $((b*2000+1)) $((b*2000+2000)); sleep 0.3; done; head -c 100000 /dev/zero | tr '\\0' x; echo"), CancellationToken.None);
        await server.Output.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var lines = server.Output.Text.Split('\n');
        Assert.Equal(Enumerable.Range(1, 20000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines[..20000]);
        Assert.Equal(new string('x', 100000), lines[20000]); // a long line arrives whole, however the engine split it
        Assert.Equal("", lines[20001]);
        Assert.Equal(20002, lines.Length);
    }

    [Fact]
    public async Task Start_PromptWithoutNewline_DeliveredWhileRunning()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();

        await environment.StartAsync(server.Spec("printf 'name> '; read name; echo \"hi $name\""), CancellationToken.None);
        await server.Output.WaitForTextAsync("name> ", Wait);
        Assert.True(environment.IsRunning);
        await environment.WriteLineAsync("ada", CancellationToken.None);
        await server.Output.WaitForExitAsync(Wait);

        Assert.Equal("name> hi ada\n", server.Output.Text);
    }
}
