using Microsoft.AspNetCore.Builder;

namespace Aerie.Panel.Http;

/// <summary>
/// TLS as the browser sees it: the panel is usually behind a TLS-terminating proxy, so its own requests are
/// plain http while its public URL is https. Cookies are then <c>Secure</c> and every answer carries HSTS.
/// </summary>
internal static class PanelTls
{
    /// <summary>One year, subdomains left alone (a panel rarely owns its parent domain).</summary>
    public const string HstsValue = "max-age=31536000";

    public static bool IsPublic(PanelOptions options) => options.PublicUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public static IApplicationBuilder UseHstsWhenPublicHttps(this IApplicationBuilder app, PanelOptions options)
    {
        if (!IsPublic(options))
        {
            return app;
        }
        return app.Use((context, next) =>
        {
            context.Response.Headers.StrictTransportSecurity = HstsValue;
            return next(context);
        });
    }
}
