using System.Net;
using System.Net.Sockets;
using Aerie.Panel.Http;

namespace Aerie.Panel.Allocations;

/// <summary>The <c>ip</c> of an allocation create: an address, a host name (resolved) or an IPv4 CIDR /25-/32.</summary>
internal static class AllocationIps
{
    public const string CidrText = "CIDR notation only allows masks between /25 and /32.";

    public static async Task<List<string>> ExpandAsync(string ip, Func<string, CancellationToken, Task<IPAddress[]>> resolve, CancellationToken ct)
    {
        var text = ip.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!IPAddress.TryParse(text[..slash], out var network) || network.AddressFamily != AddressFamily.InterNetwork
                || !int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mask))
            {
                throw PanelProblem.Field("ip", "ip", "The ip field must be a valid IP address.");
            }
            if (mask is < 25 or > 32)
            {
                throw PanelProblem.Display(CidrText, "CidrOutOfRangeException");
            }
            var bytes = network.GetAddressBytes();
            var start = (uint)((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]);
            var size = 1u << (32 - mask);
            start &= ~(size - 1);
            var all = new List<string>((int)size);
            for (var i = 0u; i < size; i++)
            {
                var v = start + i;
                all.Add(new IPAddress([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]).ToString());
            }
            return all;
        }
        if (IPAddress.TryParse(text, out var address))
        {
            return [address.ToString()];
        }
        if (text.Length is 0 or > 253 || Uri.CheckHostName(text) != UriHostNameType.Dns)
        {
            throw PanelProblem.Field("ip", "ip", "The ip field must be a valid IP address.");
        }
        IPAddress[] found;
        try
        {
            found = await resolve(text, ct);
        }
        catch (SocketException)
        {
            found = [];
        }
        var first = found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? found.FirstOrDefault()
            ?? throw PanelProblem.Display($"The host name {text} could not be resolved to an IP address.");
        return [first.ToString()];
    }
}
