using System.Net;

namespace Aerie.Panel.Settings;

/// <summary>Parses the <c>TrustedProxies</c> setting: IP addresses and CIDR networks separated by commas or spaces.</summary>
internal static class TrustedProxyList
{
    private static readonly char[] Separators = [',', ' ', ';', '\t'];

    /// <exception cref="FormatException">an entry is neither an address nor a network</exception>
    public static IReadOnlyList<IPNetwork> Parse(string value)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in value.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/', StringComparison.Ordinal))
            {
                var single = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
                networks.Add(new IPNetwork(single, single.GetAddressBytes().Length * 8));
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else
            {
                throw new FormatException($"must list IP addresses or CIDR networks (e.g. 10.0.0.1, 172.16.0.0/12), got '{entry}'");
            }
        }
        return networks;
    }
}
