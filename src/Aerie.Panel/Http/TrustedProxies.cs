using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace Aerie.Panel.Http;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address. With <see cref="PanelOptions.TrustedProxies"/>
/// set, X-Forwarded-For and X-Forwarded-Proto are honoured from those addresses only (walking the chain from the
/// right while the hop is trusted), so <c>Connection.RemoteIpAddress</c> — used by the login throttle, API-key
/// allow-lists, the credentials rate limit and the audit — is the real client's, and <c>Request.IsHttps</c> is
/// true behind a TLS-terminating proxy. From any other address the headers are ignored, so they cannot be spoofed.
/// </summary>
internal static class TrustedProxies
{
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, PanelOptions options)
    {
        if (options.TrustedProxies.Count == 0)
        {
            // Not even ASP.NET Core's loopback defaults: without the setting no header is believed.
            return app;
        }
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = null,
        };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var network in options.TrustedProxies)
        {
            forwarded.KnownIPNetworks.Add(network);
        }
        return app.UseForwardedHeaders(forwarded);
    }
}
