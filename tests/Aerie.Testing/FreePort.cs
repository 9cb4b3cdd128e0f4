using System.Net;
using System.Net.Sockets;

namespace Aerie.Testing;

/// <summary>A loopback port nothing listens on right now (bound, then released), for hosts that must know
/// their port before they start (a node registered with the panel first, a child process).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
