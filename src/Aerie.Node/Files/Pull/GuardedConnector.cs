using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Aerie.Node.Files.Pull;

/// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/> of pulls: resolves the host itself, drops refused
/// addresses, connects, and checks the address of the CONNECTED socket again, so what is judged is what is reached
/// (no window for a DNS answer that changes between check and connect). Runs for every hop and every new connection.</summary>
internal sealed class GuardedConnector(AddressPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var candidates = addresses.Where(a => !policy.IsRefused(a, host)).ToList();
        if (candidates.Count == 0)
        {
            throw new PullRefusedException($"destination {host} resolves to a blocked address ({string.Join(", ", addresses.Select(a => a.ToString()))})");
        }
        SocketException? last = null;
        foreach (var address in candidates)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), ct);
                if (socket.RemoteEndPoint is not IPEndPoint remote || policy.IsRefused(remote.Address, host))
                {
                    throw new PullRefusedException($"destination {host} connected to a blocked address ({socket.RemoteEndPoint})");
                }
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }
}
