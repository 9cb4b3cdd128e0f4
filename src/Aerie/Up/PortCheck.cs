using System.Net;
using System.Net.Sockets;

namespace Aerie.Up;

/// <summary>Loopback port checks, so a busy port is one clear line before anything is created.</summary>
internal static class PortCheck
{
    /// <summary>The port itself when free, a free one for 0, else an <see cref="UpError"/> naming the option.</summary>
    public static int Claim(int port, string option)
    {
        if (port is < 0 or > 65535)
        {
            throw new UpError($"{option} must be between 0 and 65535, not {port}", 2);
        }
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new UpError($"port {port} on 127.0.0.1 is already in use; choose another with {option}");
        }
        catch (SocketException e)
        {
            throw new UpError($"cannot listen on 127.0.0.1:{port} ({option}): {e.Message}");
        }
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
