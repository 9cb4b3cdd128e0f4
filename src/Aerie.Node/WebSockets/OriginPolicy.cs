using Aerie.Node.Configuration;
using Microsoft.AspNetCore.Http;

namespace Aerie.Node.WebSockets;

/// <summary>Origin must be the panel URL or an allowed origin ("*" = any). A request without Origin cannot come
/// from a browser page, so it is accepted unless <c>websocket.strict_origin</c> restores Wings' rule.</summary>
internal static class OriginPolicy
{
    public static bool Allows(HttpRequest request, NodeConfig config)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return !config.Websocket.StrictOrigin;
        }
        if (config.AllowedOrigins.Contains("*"))
        {
            return true;
        }
        return Same(origin, config.Remote) || config.AllowedOrigins.Any(o => Same(origin, o));
    }

    // The panel URL may carry a path; an Origin is scheme://host[:port] only.
    private static bool Same(string origin, string allowed) =>
        allowed.Length > 0 && string.Equals(origin.TrimEnd('/'), Authority(allowed), StringComparison.OrdinalIgnoreCase);

    private static string Authority(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : url.TrimEnd('/');
}
