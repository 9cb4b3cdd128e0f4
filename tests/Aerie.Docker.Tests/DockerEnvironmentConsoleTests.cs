using Aerie.Docker.Tests.Support;

namespace Aerie.Docker.Tests;

public sealed class DockerEnvironmentConsoleTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Start_PrintingGame_RaisesOutputThenExited()
    {
        await using var server = new TestServer();
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
}
