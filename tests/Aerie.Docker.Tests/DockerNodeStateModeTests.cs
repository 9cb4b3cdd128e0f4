using System.Runtime.Versioning;
using Aerie.Contracts.Socket;
using Aerie.Docker.Tests.Support;
using Aerie.Node.Configuration;
using Aerie.Node.Storage;

namespace Aerie.Docker.Tests;

[UnsupportedOSPlatform("windows")]
public sealed class DockerNodeStateModeTests
{
    [Fact]
    public async Task LogCursorAndConsoleLog_OwnerOnly()
    {
        await using var docker = await DockerNode.StartAsync(DockerNode.Server(DockerNode.EchoGame));
        await using (var console = await docker.RunningConsoleAsync())
        {
            await console.SendAsync(SocketEvents.SendCommand, "hello");
            await console.WaitForConsoleAsync("got: hello", DockerNode.Wait);
        }
        await docker.RestartAsync(); // a clean daemon stop saves the console cursor

        var cursors = Path.Combine(docker.DataRoot, ".aerie-docker");
        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(cursors));
        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(cursors, docker.Entry.Uuid.ToLowerInvariant() + ".cursor")));
        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(NodePaths.StateDirectory(docker.Node.Config)));
        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(docker.LogFile));
    }
}
