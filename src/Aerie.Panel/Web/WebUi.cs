using Aerie.Panel.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Aerie.Panel.Web;

/// <summary>
/// Serves the web UI embedded in this assembly (built by Web/Web.targets): hashed bundles under
/// <c>/assets/</c> with long-lived cache headers, and index.html for the UI's own routes only, so an
/// unknown <c>/api/*</c> or <c>/auth/*</c> path still answers 404 rather than HTML.
/// </summary>
internal static class WebUi
{
    public const string AssetsPath = "/assets";

    // connect-src is the panel and the configured nodes' public origins (ConnectSources: consoles open a
    // socket to a node, the file manager uploads straight to its signed URL); scripts only from self (no
    // inline). style-src needs 'unsafe-inline' because xterm.js's DOM renderer and CodeMirror add <style> tags.
    public static string ContentSecurityPolicy(string connectSources) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        $"font-src 'self'; connect-src {connectSources}; object-src 'none'; base-uri 'none'; " +
        "form-action 'self'; frame-ancestors 'none'";

    /// <summary>Paths that render the single-page app (mirrors Web/src/router.js).</summary>
    public static readonly IReadOnlyList<string> Routes =
    [
        "/", "/login", "/account", "/server/{id}", "/server/{id}/users", "/server/{id}/activity", "/server/{id}/startup", "/server/{id}/network",
        "/server/{id}/files", "/server/{id}/backups", "/server/{id}/schedules", "/admin", "/admin/{**path}",
    ];

    public static WebApplication UseWebUi(this WebApplication app)
    {
        var assembly = typeof(WebUi).Assembly;
        var index = new ManifestEmbeddedFileProvider(assembly, "Web/dist").GetFileInfo("index.html");
        if (!index.Exists)
        {
            throw new InvalidOperationException("The web UI is missing from the panel assembly (Web/dist/index.html was not embedded).");
        }
        var html = ReadAll(index);

        app.UseStaticFiles(new StaticFileOptions
        {
            // Rooted at assets/ so index.html is never served as a cacheable static file.
            FileProvider = new ManifestEmbeddedFileProvider(assembly, "Web/dist/assets"),
            RequestPath = AssetsPath,
            OnPrepareResponse = context =>
            {
                // Bundle names carry a content hash, so a cached copy can never be stale.
                context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });

        foreach (var route in Routes)
        {
            app.MapGet(route, (HttpContext context, PanelDb db) => ServeIndexAsync(context, db, html)).ExcludeFromDescription();
        }
        return app;
    }

    private static async Task<IResult> ServeIndexAsync(HttpContext context, PanelDb db, byte[] html)
    {
        var connect = await ConnectSources.ForNodesAsync(db, context.RequestAborted);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(connect);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers[HeaderNames.CacheControl] = "no-cache";
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return Results.Bytes(html, "text/html; charset=utf-8");
    }

    private static byte[] ReadAll(IFileInfo file)
    {
        using var stream = file.CreateReadStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
