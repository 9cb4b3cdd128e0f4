using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Aerie.Docker.Tests.Support;
using Aerie.Node.Environments;

namespace Aerie.Docker.Tests;

public sealed class DockerEnvironmentNetworkTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Start_PortAllocation_PublishedOnItsIp()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();
        var port = FreePort.Next();
        var spec = server.Spec($"echo listening; echo hello-from-game | nc -l -p {port.ToString(CultureInfo.InvariantCulture)}") with
        {
            Ports = [new PortBinding("127.0.0.1", port)],
        };
        await environment.StartAsync(spec, CancellationToken.None);
        await server.Output.WaitForTextAsync("listening", Wait);

        var greeting = await ReadGreetingAsync(port);

        Assert.Equal("hello-from-game\n", greeting);
    }

    [Fact]
    public async Task Start_EveryAllocation_PublishedTcpAndUdp_SamePortOnItsIp()
    {
        await using var server = new TestServer();
        var environment = server.NewEnvironment();
        var (primary, extra) = (FreePort.Next(), FreePort.Next());
        var spec = server.Spec("echo listening; sleep 30") with
        {
            Ports = [new PortBinding("127.0.0.1", primary), new PortBinding("0.0.0.0", extra)],
        };
        // The primary's SERVER_IP/SERVER_PORT, as the node's one environment builder (ServerVariables) adds them.
        spec = spec with
        {
            Environment = new Dictionary<string, string>(spec.Environment)
            {
                ["SERVER_IP"] = "127.0.0.1",
                ["SERVER_PORT"] = primary.ToString(CultureInfo.InvariantCulture),
            },
        };
        await environment.StartAsync(spec, CancellationToken.None);
        await server.Output.WaitForTextAsync("listening", Wait);

        var inspected = await EngineInspector.ContainerAsync(server.Uuid);
        var bindings = inspected.HostConfig!.PortBindings!;
        foreach (var (port, ip) in new[] { (primary, "127.0.0.1"), (extra, "0.0.0.0") })
        {
            foreach (var proto in (string[])["tcp", "udp"])
            {
                var key = port.ToString(CultureInfo.InvariantCulture) + "/" + proto;
                var binding = Assert.Single(bindings[key]);
                Assert.Equal(port.ToString(CultureInfo.InvariantCulture), binding.HostPort);
                // The engine reports "all addresses" as 0.0.0.0 or as an empty host IP.
                Assert.Equal(ip, string.IsNullOrEmpty(binding.HostIP) ? "0.0.0.0" : binding.HostIP);
            }
        }
        Assert.Equal(4, bindings.Count);
        Assert.Contains("SERVER_PORT=" + primary.ToString(CultureInfo.InvariantCulture), inspected.Config!.Env);
        await environment.KillAsync(CancellationToken.None);
    }

    private static Task<string> ReadGreetingAsync(int port) =>
        Eventually.ValueAsync(async () =>
        {
            try
            {
                using var client = new TcpClient();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                using var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
                return await reader.ReadToEndAsync(timeout.Token);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                // The forwarder may accept before nc listens; try again.
                return "";
            }
        }, text => text.Length > 0, $"the game's greeting on port {port}", Wait, TimeSpan.FromMilliseconds(200));
}
