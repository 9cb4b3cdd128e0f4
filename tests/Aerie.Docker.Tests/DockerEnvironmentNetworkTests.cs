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
        var port = FreePort();
        var spec = server.Spec($"echo listening; echo hello-from-game | nc -l -p {port.ToString(CultureInfo.InvariantCulture)}") with
        {
            Ports = [new PortBinding("127.0.0.1", port)],
        };
        await environment.StartAsync(spec, CancellationToken.None);
        await server.Output.WaitForTextAsync("listening", Wait);

        var greeting = await ReadGreetingAsync(port);

        Assert.Equal("hello-from-game\n", greeting);
    }

    private static async Task<string> ReadGreetingAsync(int port)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                using var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
                var text = await reader.ReadToEndAsync(timeout.Token);
                if (text.Length > 0 || DateTime.UtcNow > deadline)
                {
                    return text;
                }
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && DateTime.UtcNow < deadline)
            {
                // The forwarder may accept before nc listens; try again.
            }
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
