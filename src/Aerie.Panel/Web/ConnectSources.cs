using System.Globalization;
using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Web;

/// <summary>
/// The CSP <c>connect-src</c> of the web UI: the panel itself and the public origin of every configured node — the
/// console's socket (<c>ws</c>/<c>wss</c>) and the file manager's signed upload URLs (<c>http</c>/<c>https</c>) go to
/// exactly those (NodeUrls builds both from the node's scheme, fqdn and public port), so nothing else is allowed.
/// Read per page load: a node added later is allowed once the page is reloaded.
/// </summary>
internal static class ConnectSources
{
    public static async Task<string> ForNodesAsync(PanelDb db, CancellationToken ct)
    {
        var nodes = await db.Nodes.AsNoTracking()
            .Select(n => new { n.PublicScheme, n.PublicHost, n.PublicPort })
            .ToListAsync(ct);
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var source in Of(node.PublicScheme, node.PublicHost, node.PublicPort))
            {
                sources.Add(source);
            }
        }
        return string.Join(' ', sources.Prepend("'self'"));
    }

    /// <summary>A node's two sources, or none when its address is not one a CSP source can name safely (the value goes
    /// into a header, so a host with spaces or <c>;</c> must never get there).</summary>
    internal static IEnumerable<string> Of(string scheme, string host, int port)
    {
        if (scheme is not ("http" or "https") || port is < 1 or > 65535 || host.Length == 0)
        {
            return [];
        }
        var kind = Uri.CheckHostName(host);
        if (kind is UriHostNameType.Unknown or UriHostNameType.Basic)
        {
            return [];
        }
        var name = kind == UriHostNameType.IPv6 ? $"[{host.Trim('[', ']')}]" : host.ToLowerInvariant();
        var socket = scheme == "https" ? "wss" : "ws";
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"{scheme}://{name}:{port}"),
            string.Create(CultureInfo.InvariantCulture, $"{socket}://{name}:{port}"),
        ];
    }
}
