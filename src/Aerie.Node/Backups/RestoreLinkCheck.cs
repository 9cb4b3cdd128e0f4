using System.Net;
using System.Net.Sockets;

namespace Aerie.Node.Backups;

/// <summary>
/// The first checks an S3 restore link passes (spec 07 §5 step 1): an http/https URL with a host, every address it
/// resolves to global unicast — not private, loopback, link-local, unspecified, multicast, <c>100.64.0.0/10</c> or
/// <c>198.18.0.0/15</c> — unless the host, the address or a CIDR holding it is in
/// <c>system.backups.restore_host_allowlist</c>. Keeps a panel-supplied link from reaching the node's own network.
/// (Redirect hops and the answer's status and type are checked by the download, which is not built yet.)
/// </summary>
internal static class RestoreLinkCheck
{
    public const string NotUrl = "The provided backup link is not a valid URL.";
    public const string NotHttp = "The provided backup link must use HTTP or HTTPS.";
    public const string Blocked = "The provided backup link resolves to a blocked address.";

    private static readonly IPNetwork[] NotGlobal =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    /// <summary>Null when the link may be fetched, else the refusal text.</summary>
    public static async Task<string?> ProblemAsync(string link, IReadOnlyList<string> allowlist, CancellationToken ct)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return NotUrl;
        }
        if (uri.Scheme is not ("http" or "https"))
        {
            return NotHttp;
        }
        var host = uri.IdnHost.Trim('[', ']');
        if (allowlist.Any(a => string.Equals(a, host, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            return NotUrl;
        }
        return addresses.Length > 0 && addresses.All(a => IsGlobal(a) || Allowed(a, allowlist)) ? null : Blocked;
    }

    public static bool IsGlobal(IPAddress address)
    {
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return !NotGlobal.Any(n => n.BaseAddress.AddressFamily == a.AddressFamily && n.Contains(a));
    }

    private static bool Allowed(IPAddress address, IReadOnlyList<string> allowlist)
    {
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var entry in allowlist)
        {
            if (IPAddress.TryParse(entry, out var ip) && ip.Equals(a))
            {
                return true;
            }
            if (entry.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(entry, out var network)
                && network.BaseAddress.AddressFamily == a.AddressFamily && network.Contains(a))
            {
                return true;
            }
        }
        return false;
    }
}
