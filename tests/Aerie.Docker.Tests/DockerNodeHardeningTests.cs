using Aerie.Docker.Tests.Support;
using Aerie.Node.Configuration;
using Aerie.Node.Environments.Docker;

namespace Aerie.Docker.Tests;

/// <summary>The node config's <c>docker.*</c> container defaults reach the engine through a real daemon.</summary>
public sealed class DockerNodeHardeningTests
{
    [Fact]
    public async Task Start_DockerKeysSet_ContainerHasThem()
    {
        var network = "aerie-node-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            // Memory 0 ("unlimited") in the server's settings: the node's ceiling applies.
            var server = DockerNode.Server("echo uid=$(id -u):$(id -g); " + DockerNode.EchoGame, s => s.Limits = new LimitsEntry { Memory = 0 });
            await using var docker = await DockerNode.StartAsync(server, docker: d =>
            {
                d.ContainerUser = "1234:4321";
                d.NetworkName = network;
                d.MemoryCeiling = 96;
                d.TmpfsSize = 16;
                d.LogMaxBytes = 1 << 20;
                d.ContainerPidLimit = 77;
            });
            await using var console = await docker.RunningConsoleAsync();
            // The line came before `running`: the daemon's console log holds it.
            await Eventually.TrueAsync(() => Task.FromResult(File.Exists(docker.LogFile) && File.ReadAllText(docker.LogFile).Contains("uid=1234:4321", StringComparison.Ordinal)),
                "the game's uid line in the console log", DockerNode.Wait, TimeSpan.FromMilliseconds(200));

            var inspected = await docker.InspectAsync();

            Assert.Equal("1234:4321", inspected.Config!.User);
            Assert.Equal(96L * 1024 * 1024, inspected.HostConfig!.Memory);
            Assert.Equal(77, inspected.HostConfig.PidsLimit);
            Assert.Contains("size=16m", inspected.HostConfig.Tmpfs!["/tmp"], StringComparison.Ordinal);
            Assert.Equal([network], inspected.NetworkSettings!.Networks!.Keys);
        }
        finally
        {
            using var engine = await DockerEngine.ConnectAsync(TestEngine.SocketPath, null, CancellationToken.None);
            await engine.Client.Networks.DeleteNetworkAsync(network, CancellationToken.None);
        }
    }
}
