using System.Net;
using System.Net.Sockets;

namespace Aerie.Panel.Tests.Infrastructure;

/// <summary>A loopback port nothing listens on right now (bound, then released).</summary>
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
