using System.Net;
using System.Net.Sockets;
using Aerie.Node.Environments;

namespace Aerie.Node.Servers;

/// <summary>
/// The process runtime's check before a start (spec 05 §8): there is no port translation, the game binds its
/// allocations itself, so a port something else holds (TCP or UDP) would only fail later inside the game. Each
/// allocated port is bound once on its IP and released; <c>127.0.0.1</c> is checked on loopback, <c>0.0.0.0</c> on
/// every address. An IP this host does not have cannot be checked here and is left to the game.
/// </summary>
internal sealed class PortGuard(Func<IReadOnlyList<PortBinding>> ports, Action<string> notice)
{
    private const string Prefix = "allocated port ";
    private const string Suffix = " is already in use";

    /// <summary>The start's `daemon error`, meant for users too: it names only their own allocation.</summary>
    public static string InUse(PortBinding port) => Prefix + Format(port) + Suffix;

    public static bool IsRefusal(string? error) =>
        error is not null && error.StartsWith(Prefix, StringComparison.Ordinal) && error.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>Why the server cannot start (told in its console too), or null.</summary>
    public string? StartProblem()
    {
        foreach (var port in ports())
        {
            if (!IPAddress.TryParse(port.Ip, out var ip) || port.Port is < 1 or > 65535)
            {
                continue;
            }
            if (Taken(ip, port.Port, SocketType.Stream, ProtocolType.Tcp) || Taken(ip, port.Port, SocketType.Dgram, ProtocolType.Udp))
            {
                var reason = InUse(port);
                notice("The server could not be started: " + reason + ".");
                return reason;
            }
        }
        return null;
    }

    private static bool Taken(IPAddress ip, int port, SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(ip.AddressFamily, type, protocol);
        if (protocol == ProtocolType.Tcp)
        {
            // Connections of the last run in TIME_WAIT do not make a port busy (the game reuses the address);
            // Linux still refuses this bind while any socket listens on the port.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        }
        try
        {
            socket.Bind(new IPEndPoint(ip, port));
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            return false; // not an address of this host (or not ours to bind): the game will say so
        }
    }

    private static string Format(PortBinding port) =>
        (port.Ip.Contains(':', StringComparison.Ordinal) ? "[" + port.Ip + "]" : port.Ip) + ":" + port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
