using System.Net;
using System.Net.Sockets;
using Aerie.Node.Environments;
using Aerie.Node.Environments.Docker;

namespace Aerie.Node.ConfigFiles;

/// <summary>Docker runtime: the gateway of the node's bridge network (<c>docker.network_name</c>), the host as its
/// containers see it; the network is created first if no server has started yet. Asked only when a file uses it.</summary>
internal sealed class DockerBridgeInterface(string socket, string networkName) : IGameInterface
{
    public async Task<string> AddressAsync(CancellationToken cancellationToken)
    {
        using var engine = await DockerEngine.ConnectAsync(socket, null, cancellationToken);
        await ContainerOperations.Guard(engine, () => ContainerNetwork.EnsureAsync(engine, networkName, cancellationToken));
        var network = await ContainerOperations.Guard(engine, () => engine.Client.Networks.InspectNetworkAsync(networkName, cancellationToken));
        foreach (var config in network.IPAM?.Config ?? [])
        {
            if (IPAddress.TryParse(config.Gateway, out var gateway) && gateway.AddressFamily == AddressFamily.InterNetwork)
            {
                return gateway.ToString();
            }
            // Some engines list only the subnet: the bridge takes its first address.
            if (IPNetwork.TryParse(config.Subnet ?? "", out var subnet) && subnet.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            {
                var bytes = subnet.BaseAddress.GetAddressBytes();
                bytes[3]++;
                return new IPAddress(bytes).ToString();
            }
        }
        throw new EnvironmentException($"network {networkName} has no IPv4 gateway");
    }
}
