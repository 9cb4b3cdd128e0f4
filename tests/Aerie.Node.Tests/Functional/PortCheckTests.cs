using System.Net;
using System.Net.Sockets;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Environments;
using Aerie.Node.Servers;

namespace Aerie.Node.Tests.Functional;

/// <summary>The process runtime refuses to start while something else holds an allocated port (spec 05 §8).</summary>
public sealed class PortCheckTests
{
    private static string Refusal(string ip, int port) => PortGuard.InUse(new PortBinding(ip, port));

    private static async Task AssertRefusedAsync(TestNode node, string reason)
    {
        await using var console = await node.ConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Start);
        var error = await console.WaitForAsync(SocketEvents.DaemonError);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, reason), error.Args![0]);
        Assert.Contains(console.Received, f => f.Event == SocketEvents.ConsoleOutput
            && f.Args![0].Contains("The server could not be started: " + reason, StringComparison.Ordinal));
        Assert.Equal(ServerStates.Offline, node.Server.State);
    }

    [Fact]
    public async Task PrimaryHeldByTcpListener_Refused_ThenStartsOnceFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var node = await TestNode.StartAsync(c => (c.Servers[0].Ip, c.Servers[0].Port) = ("127.0.0.1", port));

        await AssertRefusedAsync(node, Refusal("127.0.0.1", port));

        listener.Stop();
        await using var console = await node.ConsoleAsync();
        await console.SendAsync(SocketEvents.SetState, PowerActions.Start);
        await console.WaitForStatusAsync(ServerStates.Running);
    }

    [Fact]
    public async Task PrimaryHeldByUdpSocket_Refused()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        await using var node = await TestNode.StartAsync(c => (c.Servers[0].Ip, c.Servers[0].Port) = ("127.0.0.1", port));

        await AssertRefusedAsync(node, Refusal("127.0.0.1", port));
    }

    [Fact]
    public async Task AdditionalPortOnAllAddresses_HeldOnLoopback_Refused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var held = ((IPEndPoint)listener.LocalEndpoint).Port;
        var primary = FreePort.Next();
        await using var node = await TestNode.StartAsync(c => (c.Servers[0].Ip, c.Servers[0].Port) = ("127.0.0.1", primary));
        var current = node.Server.Configuration;
        node.Server.UpdateConfiguration(current with
        {
            Settings = current.Settings with
            {
                Allocations = new Allocations(new AllocationAddress("127.0.0.1", primary), new Dictionary<string, IReadOnlyList<int>>
                {
                    ["127.0.0.1"] = [primary],
                    ["0.0.0.0"] = [held],
                }),
            },
        });

        await AssertRefusedAsync(node, Refusal("0.0.0.0", held));
        Assert.Equal(FormattableString.Invariant($"allocated port 0.0.0.0:{held} is already in use"), Refusal("0.0.0.0", held));
    }
}
