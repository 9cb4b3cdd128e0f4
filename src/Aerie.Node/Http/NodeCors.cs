using Aerie.Node.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aerie.Node.Http;

/// <summary>CORS on every node route (spec 06 §6), so the browser can POST uploads and GET downloads from the panel's
/// pages straight to the node. The allowed origin is the request's when it is the panel URL or in
/// <c>allowed_origins</c> (<c>*</c> = any), else the panel URL; a preflight <c>OPTIONS</c> ends here with 204.</summary>
internal static class NodeCors
{
    public const string Methods = "GET, POST, PATCH, PUT, DELETE, OPTIONS";
    public const string Headers = "Accept, Accept-Encoding, Authorization, Cache-Control, Content-Type, Content-Length, Origin, X-Real-IP, X-CSRF-Token";
    public const string MaxAge = "7200";

    public static IApplicationBuilder UseNodeCors(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var config = http.RequestServices.GetService(typeof(NodeConfig)) as NodeConfig ?? throw new InvalidOperationException("NodeConfig is not registered");
        var response = http.Response.Headers;
        if (AllowedOrigin(http.Request.Headers.Origin.ToString(), config) is { Length: > 0 } origin)
        {
            response.AccessControlAllowOrigin = origin;
        }
        response.AccessControlAllowCredentials = "true";
        response.AccessControlAllowMethods = Methods;
        response.AccessControlAllowHeaders = Headers;
        response.AccessControlMaxAge = MaxAge;
        // The answer depends on Origin: a shared cache must not hand one origin's answer to another.
        response.Vary = "Origin";
        if (HttpMethods.IsOptions(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        await next(http);
    });

    public static string AllowedOrigin(string origin, NodeConfig config)
    {
        var panel = Authority(config.Remote);
        if (origin.Length == 0)
        {
            return panel;
        }
        var allowed = config.AllowedOrigins.Contains("*") || Same(origin, panel) || config.AllowedOrigins.Any(o => Same(origin, Authority(o)));
        return allowed ? origin : panel;
    }

    private static bool Same(string origin, string allowed) =>
        allowed.Length > 0 && string.Equals(origin.TrimEnd('/'), allowed, StringComparison.OrdinalIgnoreCase);

    // The panel URL may carry a path; an Origin is scheme://host[:port] only.
    private static string Authority(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : url.TrimEnd('/');
}
