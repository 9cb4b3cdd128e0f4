using System.Net;
using System.Net.Sockets;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.ApiKeys;

/// <summary>
/// A key can never mint a key broader than itself: a key restricted to addresses may only create keys
/// restricted to those addresses (or narrower), and a key that expires only keys that expire no later.
/// Otherwise a leaked, IP-bound, short-lived key would be one request away from an unbound, eternal one.
/// </summary>
internal static class KeyScope
{
    public static void EnsureWithin(ApiKey creator, DateTimeOffset? expiresAt, IReadOnlyList<string> allowedIps)
    {
        if (creator.ExpiresAt is { } limit && (expiresAt is null || expiresAt.Value > limit))
        {
            throw PanelProblem.Invalid($"This API key expires at {limit:O}; a key it creates must expire no later.");
        }
        var bounds = Json.Read<List<string>>(creator.AllowedIpsJson).Select(Network).ToList();
        if (bounds.Count == 0)
        {
            return;
        }
        if (allowedIps.Count == 0 || !allowedIps.All(ip => bounds.Any(b => Covers(b, Network(ip)))))
        {
            throw PanelProblem.Invalid("This API key is restricted to some addresses; a key it creates must be restricted to those addresses or narrower.");
        }
    }

    /// <summary>An address or CIDR range as a network (a single address is a /32 or /128).</summary>
    public static IPNetwork Network(string entry)
    {
        var text = entry.Trim();
        if (IPAddress.TryParse(text, out var ip))
        {
            ip = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
            return new IPNetwork(ip, ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        }
        return IPNetwork.Parse(text);
    }

    private static bool Covers(IPNetwork outer, IPNetwork inner) =>
        outer.BaseAddress.AddressFamily == inner.BaseAddress.AddressFamily
        && inner.PrefixLength >= outer.PrefixLength
        && outer.Contains(inner.BaseAddress);
}
