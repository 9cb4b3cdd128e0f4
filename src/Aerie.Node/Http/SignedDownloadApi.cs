using System.Text;
using Aerie.Contracts.Tokens;
using Aerie.Node.Files;
using Aerie.Node.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Node.Http;

/// <summary><c>GET /download/file?token=</c> (spec 06 §6): no bearer, the signed token is the credential. The file is
/// opened confined with the denylist checked; any failure, a directory included, is the one 404.</summary>
internal static class SignedDownloadApi
{
    public static IEndpointRouteBuilder MapSignedDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/download/file", DownloadAsync);
        return app;
    }

    private static async Task DownloadAsync(HttpContext http, SignedUrlValidator validator, IServerFileOwners owners)
    {
        if (await validator.ValidateAsync(http.Request, SignedUrlClaims.FileDownloadScope) is not { } url
            || url.Claim(SignedUrlClaims.FilePath) is not { } path)
        {
            await SignedUrlValidator.NotFound.ExecuteAsync(http);
            return;
        }
        OpenedFile opened;
        try
        {
            opened = url.Server.Files(owners.For(url.Server.Uuid)).OpenRead(path);
        }
        catch (ConfinedFileException)
        {
            await SignedUrlValidator.NotFound.ExecuteAsync(http);
            return;
        }
        using (opened)
        {
            await SendAsync(http, opened.OpenStream(), opened.Entry.Size, opened.Entry.Name);
        }
    }

    /// <summary>Streams an attachment with its length; also the backup download's answer (spec 07).</summary>
    public static async Task SendAsync(HttpContext http, Stream content, long length, string name)
    {
        await using (content)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/octet-stream";
            http.Response.ContentLength = length;
            http.Response.Headers.ContentDisposition = Disposition(name);
            await content.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
    }

    /// <summary><c>attachment; filename="&lt;name&gt;"</c>; a name that is not plain ASCII also gets RFC 5987's
    /// <c>filename*</c> (header values are ASCII), and quotes and backslashes are escaped.</summary>
    public static string Disposition(string name)
    {
        var ascii = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            ascii.Append(c is < ' ' or > '~' ? "_" : c is '"' or '\\' ? "\\" + c : c.ToString());
        }
        var header = $"attachment; filename=\"{ascii}\"";
        return name.All(c => c is >= ' ' and <= '~') ? header : header + "; filename*=UTF-8''" + Uri.EscapeDataString(name);
    }
}
