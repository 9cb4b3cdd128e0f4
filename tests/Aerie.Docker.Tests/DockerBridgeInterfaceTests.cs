using System.Net;
using Aerie.Docker.Tests.Support;
using Aerie.Node.ConfigFiles;
using Aerie.Node.Environments.Docker;

namespace Aerie.Docker.Tests;

/// <summary><c>{{config.docker.interface}}</c> on the Docker runtime: the gateway of the node's bridge network,
/// which is created first when no server has started yet.</summary>
public sealed class DockerBridgeInterfaceTests
{
    [Fact]
    public async Task Address_NewNetwork_IsItsIpv4Gateway()
    {
        var name = "aerie-gw-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var address = await new DockerBridgeInterface(TestEngine.SocketPath, name).AddressAsync(CancellationToken.None);

            var network = await EngineInspector.NetworkAsync(name);
            Assert.Equal("true", network.Labels!["aerie.managed"]);
            Assert.True(IPAddress.TryParse(address, out var parsed) && parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork, address);
            var gateway = network.IPAM!.Config!.Select(c => c.Gateway).FirstOrDefault(g => !string.IsNullOrEmpty(g));
            if (gateway is not null)
            {
                Assert.Equal(gateway, address);
            }
            else
            {
                Assert.Contains(network.IPAM.Config, c => IPNetwork.Parse(c.Subnet).Contains(parsed!));
            }
        }
        finally
        {
            using var engine = await DockerEngine.ConnectAsync(TestEngine.SocketPath, null, CancellationToken.None);
            await engine.Client.Networks.DeleteNetworkAsync(name, CancellationToken.None);
        }
    }
}
