using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Contracts.Tokens;
using Aerie.Panel.Api;
using Aerie.Panel.Credentials;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.ClientServers;

/// <summary>
/// The reading half of the client file routes (spec 04 §2.7) and the write of the editor: listing and contents
/// forwarded to the node, download and upload answered with signed node URLs (spec 06 §6) so file bytes go between
/// browser and node, never through the panel. The other changes are <see cref="FileActionsApi"/>.
/// </summary>
internal static class FilesApi
{
    public const string TooLargeCode = "FileSizeTooLargeException";
    public const string TooLargeText = "The file you are attempting to open is too large to view in the file editor.";
    public const string FileRead = "file.read";
    public const string FileReadContent = "file.read-content";
    public const string FileCreate = "file.create";
    public const string FileUpdate = "file.update";
    public const string FileDelete = "file.delete";
    public const string FileArchive = "file.archive";

    public static RouteGroupBuilder MapServerFiles(this RouteGroupBuilder group)
    {
        var files = group.MapGroup("/servers/{server}/files");
        files.MapGet("/list", ListAsync);
        files.MapGet("/contents", ContentsAsync);
        files.MapGet("/download", DownloadAsync);
        files.MapGet("/upload", UploadAsync);
        files.MapPost("/write", WriteAsync);
        files.MapFileActions();
        return group;
    }

    private static async Task<IResult> ListAsync(string server, HttpContext http, PanelDb db, NodeFiles files)
    {
        var scope = await ClientServerAccess.RequireAsync(http, db, server, FileRead);
        var directory = FileInput.Normalise(http.Request.Query["directory"].ToString()) is { Length: > 0 } d ? d : "/";
        var stats = await files.ReadJsonAsync(scope, HttpMethod.Get, NodeFiles.Path(scope.Server, "list-directory", NodeFiles.Query("directory", directory)), null, http.RequestAborted);
        return Results.Json(FileObjectTransformer.Instance.List(stats.ValueKind == JsonValueKind.Array ? stats.EnumerateArray() : []));
    }

    /// <summary>Refused by the node's <c>Content-Length</c> before a byte of the body is read (spec 06 §5).</summary>
    private static async Task ContentsAsync(string server, HttpContext http, PanelDb db, NodeFiles files, PanelOptions options)
    {
        var scope = await ClientServerAccess.RequireAsync(http, db, server, FileReadContent);
        var file = FileInput.Normalise(http.Request.Query["file"].ToString());
        using var answer = await files.SendAsync(scope, HttpMethod.Get, NodeFiles.Path(scope.Server, "contents", NodeFiles.Query("file", file)), null, http.RequestAborted);
        var length = answer.Response.Content.Headers.ContentLength;
        if (length is null or < 0 || length > options.MaxEditSize)
        {
            throw new PanelProblem(400, TooLargeText, TooLargeCode);
        }
        await FileActivity.RecordAsync(http, scope, FileActivity.Read, new JsonObject { ["file"] = file });
        http.Response.ContentType = "text/plain";
        http.Response.ContentLength = length;
        await using var body = await answer.Response.Content.ReadAsStreamAsync(answer.Token);
        await new LimitedStream(body, length.Value).CopyToAsync(http.Response.Body, answer.Token);
    }

    private static async Task<IResult> DownloadAsync(string server, HttpContext http, PanelDb db, NodeFiles files, ConsoleTokenMinter minter)
    {
        var scope = await ClientServerAccess.RequireAsync(http, db, server, FileReadContent);
        var file = FileInput.Normalise(http.Request.Query["file"].ToString());
        var url = SignedUrl(scope, files, minter, SignedUrlClaims.FileDownloadScope, "/download/file",
            new Dictionary<string, string> { [SignedUrlClaims.FilePath] = file }, null);
        await FileActivity.RecordAsync(http, scope, FileActivity.Download, new JsonObject { ["file"] = file });
        return Results.Json(Fractal.Item("signed_url", new JsonObject { ["url"] = url }));
    }

    private static async Task<IResult> UploadAsync(string server, HttpContext http, PanelDb db, NodeFiles files, ConsoleTokenMinter minter)
    {
        var scope = await ClientServerAccess.RequireAsync(http, db, server, FileCreate);
        // pterojs asks with ?directory=; carried into the URL (the uploader may still append its own).
        var directory = http.Request.Query["directory"].ToString();
        var url = SignedUrl(scope, files, minter, SignedUrlClaims.FileUploadScope, "/upload/file", new Dictionary<string, string>(),
            directory.Length > 0 ? NodeFiles.Query("directory", FileInput.Normalise(directory)) : null);
        return Results.Json(Fractal.Item("signed_url", new JsonObject { ["url"] = url }));
    }

    /// <summary>The raw body is the new content; any or no Content-Type (pterojs sends text/plain, jspteroapi none).</summary>
    private static async Task<IResult> WriteAsync(string server, HttpContext http, PanelDb db, NodeFiles files, PanelOptions options)
    {
        var scope = await ClientServerAccess.RequireAsync(http, db, server, FileCreate);
        var file = FileInput.Normalise(http.Request.Query["file"].ToString());
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxEditSize;
        }
        if (http.Request.ContentLength > options.MaxEditSize)
        {
            throw new PanelProblem(400, TooLargeText, TooLargeCode);
        }
        // Buffered (at most the edit size): the node needs a Content-Length, which a chunked upload lacks.
        using var buffer = new MemoryStream();
        try
        {
            await new LimitedStream(http.Request.Body, options.MaxEditSize).CopyToAsync(buffer, http.RequestAborted);
        }
        catch (IOException)
        {
            throw new PanelProblem(400, TooLargeText, TooLargeCode);
        }
        var content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        using (await files.SendAsync(scope, HttpMethod.Post, NodeFiles.Path(scope.Server, "write", NodeFiles.Query("file", file)), content, http.RequestAborted))
        {
        }
        await FileActivity.RecordAsync(http, scope, FileActivity.Write, new JsonObject { ["file"] = file });
        return Results.NoContent();
    }

    private static string SignedUrl(ServerScope scope, NodeFiles files, ConsoleTokenMinter minter, string tokenScope, string route,
        IReadOnlyDictionary<string, string> claims, string? query)
    {
        var (node, secret) = files.Node(scope);
        var token = minter.MintSignedUrl(scope.User, scope.Server, node, secret.Signing, tokenScope, claims, ConsoleGrant.Of(scope.Caller));
        return $"{NodeUrls.PublicBase(node)}{route}?token={token}" + (query is null ? "" : "&" + query);
    }
}
