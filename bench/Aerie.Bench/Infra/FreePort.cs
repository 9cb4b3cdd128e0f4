using System.Net;
using System.Net.Sockets;

namespace Aerie.Bench.Infra;

/// <summary>A loopback port that was free a moment ago, for children that need their port before they start.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
