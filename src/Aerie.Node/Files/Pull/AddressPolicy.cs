using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Aerie.Node.Files.Pull;

/// <summary>Where a pull may connect (spec 06 §4 step 3): never a private, loopback, link-local, multicast or reserved
/// range, nor one of the node's own addresses, unless <c>api.remote_download.allow</c> names it (a CIDR, an address or
/// the host name of the URL being fetched). IPv4-mapped IPv6 is judged as the IPv4 address it carries.</summary>
internal sealed class AddressPolicy
{
    private static readonly IPNetwork[] Blocked =
    [
        // Wings' ranges
        IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fc00::/7"),
        // beyond Wings: "this network", carrier-grade NAT, benchmarking, multicast, reserved, NAT64 and the unspecified address
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"), IPNetwork.Parse("64:ff9b::/96"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("ff00::/8"),
    ];

    private readonly IPNetwork[] allowedNetworks;
    private readonly HashSet<string> allowedHosts;
    private readonly Func<IEnumerable<IPAddress>> ownAddresses;

    public AddressPolicy(IEnumerable<string> allow, Func<IEnumerable<IPAddress>>? ownAddresses = null)
    {
        var networks = new List<IPNetwork>();
        allowedHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in allow)
        {
            if (TryParseNetwork(rule, out var network))
            {
                networks.Add(network);
            }
            else
            {
                allowedHosts.Add(rule.Trim().TrimEnd('.'));
            }
        }
        allowedNetworks = [.. networks];
        this.ownAddresses = ownAddresses ?? InterfaceAddresses;
    }

    /// <summary>A rule of <c>api.remote_download.allow</c> as a network: <c>10.1.0.0/16</c>, or one address.</summary>
    public static bool TryParseNetwork(string rule, out IPNetwork network)
    {
        var text = rule.Trim();
        if (IPNetwork.TryParse(text, out network))
        {
            return true;
        }
        if (IPAddress.TryParse(text.Trim('[', ']'), out var single))
        {
            single = Canonical(single);
            network = new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return false;
    }

    /// <summary>Whether a connection to <paramref name="address"/>, reached through the URL host <paramref name="host"/>,
    /// is refused.</summary>
    public bool IsRefused(IPAddress address, string host)
    {
        var a = Canonical(address);
        if (allowedHosts.Contains(host.TrimEnd('.')) || allowedNetworks.Any(n => n.Contains(a)))
        {
            return false;
        }
        if (IPAddress.IsLoopback(a) || a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6Multicast || Blocked.Any(n => n.Contains(a)))
        {
            return true;
        }
        return ownAddresses().Any(own => Canonical(own).Equals(a));
    }

    /// <summary>IPv4-mapped IPv6 (<c>::ffff:127.0.0.1</c>) as the IPv4 address it is; scope ids dropped.</summary>
    public static IPAddress Canonical(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;
    }

    private static List<IPAddress> InterfaceAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses.Select(u => u.Address)).ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
