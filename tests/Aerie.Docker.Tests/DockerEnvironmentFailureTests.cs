using Aerie.Docker.Tests.Support;
using Aerie.Node.Environments;

namespace Aerie.Docker.Tests;

public sealed class DockerEnvironmentFailureTests
{
    [Fact]
    public async Task Start_EngineUnreachable_ThrowsWithSocketPath()
    {
        var socket = Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid().ToString("N") + ".sock");
        await using var server = new TestServer(socket);
        var environment = server.NewEnvironment();

        var error = await Assert.ThrowsAsync<EnvironmentException>(() => environment.StartAsync(server.Spec("echo never"), CancellationToken.None));

        Assert.StartsWith($"Docker engine unreachable at {socket}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ImageMissingAndUnpullable_ThrowsAndReportsPull()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();
        var image = "localhost/aerie-missing-" + Guid.NewGuid().ToString("N")[..8] + ":1";

        var error = await Assert.ThrowsAsync<EnvironmentException>(() => environment.StartAsync(server.Spec("echo never", image: image), CancellationToken.None));

        Assert.StartsWith($"Image {image} could not be pulled: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Pulling image {image}", server.Output.InstallLines);
        Assert.False(environment.IsRunning);
    }

    [Fact]
    public async Task AttachExisting_NoContainer_ReturnsFalse()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();

        Assert.False(await environment.AttachExistingAsync(server.Spec("echo never"), CancellationToken.None));
        Assert.False(environment.IsRunning);
    }

    [Fact]
    public async Task WriteLine_NotRunning_Throws()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();

        await Assert.ThrowsAsync<EnvironmentException>(() => environment.WriteLineAsync("help", CancellationToken.None));
    }

    [Fact]
    public async Task Signal_NotASignalName_Throws()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();

        await Assert.ThrowsAsync<EnvironmentException>(() => environment.SignalAsync("TERM; rm -rf /", CancellationToken.None));
    }
}
