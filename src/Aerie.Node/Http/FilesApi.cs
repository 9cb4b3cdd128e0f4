using System.Globalization;
using Aerie.Contracts.NodeApi;
using Aerie.Node.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Node.Http;

/// <summary>
/// The node file API under <c>/api/servers/{uuid}/files</c> (spec 06 §2), behind the node secret and
/// <see cref="FileRouteFilter"/>: list-directory, contents, write, rename, copy, delete, create-directory, chmod and
/// search. Every path goes through the server's <see cref="ServerFileSystem"/>; routes only read the request and
/// shape the answer. Archive and pull routes map onto the same group elsewhere (<see cref="MapFileRoutes"/>).
/// </summary>
internal static class FilesApi
{
    public const int SearchMaxDepth = 8;
    public const int SearchMaxResults = 1000;
    private static readonly IReadOnlySet<string> SearchSkipped = new HashSet<string>(
        ["node_modules", ".wine", ".git", "appcache", "depotcache", "vendor"], StringComparer.OrdinalIgnoreCase);

    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder app)
    {
        var files = app.MapFileRoutes();
        // (Delegate): a handler taking only HttpContext would otherwise be a bare RequestDelegate, which runs no filters.
        files.MapGet("/list-directory", ListDirectory);
        files.MapGet("/contents", ContentsAsync);
        files.MapPost("/write", WriteAsync).WithMetadata(FileRoute.Mutating);
        files.MapPut("/rename", (Delegate)RenameAsync).WithMetadata(FileRoute.Mutating);
        files.MapPost("/copy", CopyAsync).WithMetadata(FileRoute.Mutating);
        files.MapPost("/delete", (Delegate)DeleteAsync).WithMetadata(FileRoute.Mutating);
        files.MapPost("/create-directory", (Delegate)CreateDirectoryAsync).WithMetadata(FileRoute.Mutating);
        files.MapPost("/chmod", (Delegate)ChmodAsync).WithMetadata(FileRoute.Mutating);
        files.MapGet("/search", Search);
        return app;
    }

    /// <summary>The <c>/api/servers/{uuid}/files</c> group with node auth and <see cref="FileRouteFilter"/>, for every
    /// file route (the archive and pull routes too).</summary>
    public static RouteGroupBuilder MapFileRoutes(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/servers/{uuid}/files").AddEndpointFilter<NodeAuthFilter>().AddEndpointFilter<FileRouteFilter>();

    private static IResult ListDirectory(HttpContext context, string? directory)
    {
        var request = FileRequest.Of(context);
        try
        {
            var entries = request.Files.List(directory ?? "/")
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .OrderBy(e => e.IsDirectory ? 0 : 1) // stable: names stay sorted within each group
                .Select(FileResults.Stat);
            return Results.Json(entries);
        }
        catch (ConfinedFileException e) when (e.Problem is FileProblem.NotFound or FileProblem.OutsideRoot or FileProblem.NotDirectory)
        {
            return FileResults.Error(context, StatusCodes.Status404NotFound, FileApiErrors.DirectoryNotFound);
        }
    }

    private static async Task<IResult> ContentsAsync(HttpContext context, string? file, string? download)
    {
        var request = FileRequest.Of(context);
        using var opened = request.Files.OpenRead(file ?? "");
        var head = new byte[MimeSniffer.SniffBytes];
        var mime = MimeSniffer.Sniff(head.AsSpan(0, RandomAccess.Read(opened.Handle, head, 0)));
        var response = context.Response;
        response.ContentLength = opened.Entry.Size;
        response.Headers["X-Mime-Type"] = mime;
        if (download is { Length: > 0 } && download != "0" && !download.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            response.Headers.ContentDisposition = $"attachment; filename=\"{opened.Entry.Name.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
            response.ContentType = MimeSniffer.Binary;
        }
        else
        {
            response.ContentType = mime;
        }
        await using var stream = opened.OpenStream();
        await stream.CopyToAsync(response.Body, context.RequestAborted);
        return Results.Empty;
    }

    private static async Task<IResult> WriteAsync(HttpContext context, string? file)
    {
        var request = FileRequest.Of(context);
        if (context.Request.ContentLength is not { } length)
        {
            return FileResults.Error(context, StatusCodes.Status400BadRequest, FileApiErrors.MissingContentLength);
        }
        // The quota is the limit here, not Kestrel's 30 MB default.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
        try
        {
            await request.Files.WriteAsync(file ?? "", context.Request.Body, length, ct: context.RequestAborted);
        }
        catch (ConfinedFileException e) when (e.Problem == FileProblem.IsDirectory)
        {
            return FileResults.Error(context, StatusCodes.Status400BadRequest, FileApiErrors.WriteOverDirectory);
        }
        return Results.NoContent();
    }

    private static async Task<IResult> RenameAsync(HttpContext context)
    {
        var (body, error) = await FileResults.ReadJsonAsync<RenameFilesRequest>(context);
        if (error is not null)
        {
            return error;
        }
        var items = body!.Files ?? [];
        if (items.Count == 0)
        {
            return FileResults.Error(context, StatusCodes.Status422UnprocessableEntity, FileApiErrors.NothingToRename);
        }
        if (FileResults.TooMany(context, items) is { } tooMany)
        {
            return tooMany;
        }
        var files = FileRequest.Of(context).Files;
        // In parallel and not atomic as a set, as Wings does; the first failure is answered.
        var moves = items.Select(item => Task.Run(() =>
        {
            try
            {
                files.Rename(FileRequest.Join(body.Root, item.From), FileRequest.Join(body.Root, item.To));
            }
            catch (ConfinedFileException e) when (e.Problem == FileProblem.NotFound)
            {
                // a missing source is skipped
            }
        }, context.RequestAborted));
        try
        {
            await Task.WhenAll(moves);
        }
        catch (ConfinedFileException e) when (e.Problem == FileProblem.Exists)
        {
            return FileResults.Error(context, StatusCodes.Status400BadRequest, FileApiErrors.RenameExists);
        }
        return Results.NoContent();
    }

    private static async Task<IResult> CopyAsync(HttpContext context, TimeProvider time)
    {
        var (body, error) = await FileResults.ReadJsonAsync<CopyFileRequest>(context);
        if (error is not null)
        {
            return error;
        }
        await FileCopier.CopyAsync(FileRequest.Of(context).Files, body!.Location ?? "", time.GetUtcNow(), context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> DeleteAsync(HttpContext context)
    {
        var (body, error) = await FileResults.ReadJsonAsync<FileListRequest>(context);
        if (error is not null)
        {
            return error;
        }
        var items = body!.Files ?? [];
        if (items.Count == 0)
        {
            return FileResults.Error(context, StatusCodes.Status422UnprocessableEntity, FileApiErrors.NothingToDelete);
        }
        if (FileResults.TooMany(context, items) is { } tooMany)
        {
            return tooMany;
        }
        var files = FileRequest.Of(context).Files;
        foreach (var item in items)
        {
            try
            {
                files.Delete(FileRequest.Join(body.Root, item));
            }
            catch (ConfinedFileException e) when (e.Problem == FileProblem.NotFound)
            {
                // already gone
            }
        }
        return Results.NoContent();
    }

    private static async Task<IResult> CreateDirectoryAsync(HttpContext context)
    {
        var (body, error) = await FileResults.ReadJsonAsync<CreateDirectoryRequest>(context);
        if (error is not null)
        {
            return error;
        }
        try
        {
            FileRequest.Of(context).Files.CreateDirectory(FileRequest.Join(body!.Path, body.Name));
        }
        catch (ConfinedFileException e) when (e.Problem == FileProblem.NotDirectory)
        {
            return FileResults.Error(context, StatusCodes.Status400BadRequest, FileApiErrors.PathNotDirectory);
        }
        catch (ConfinedFileException e) when (e.Problem == FileProblem.Exists)
        {
            return FileResults.Error(context, StatusCodes.Status400BadRequest, FileApiErrors.DirectoryOverFile);
        }
        return Results.NoContent();
    }

    private static async Task<IResult> ChmodAsync(HttpContext context)
    {
        var (body, error) = await FileResults.ReadJsonAsync<ChmodFilesRequest>(context);
        if (error is not null)
        {
            return error;
        }
        var items = body!.Files ?? [];
        if (items.Count == 0)
        {
            return FileResults.Error(context, StatusCodes.Status422UnprocessableEntity, FileApiErrors.NothingToChmod);
        }
        if (FileResults.TooMany(context, items) is { } tooMany)
        {
            return tooMany;
        }
        var modes = new List<uint>(items.Count);
        foreach (var item in items)
        {
            if (ParseMode(item.Mode) is not { } mode)
            {
                return FileResults.Error(context, StatusCodes.Status400BadRequest, FileApiErrors.InvalidMode);
            }
            modes.Add(mode);
        }
        var files = FileRequest.Of(context).Files;
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                files.Chmod(FileRequest.Join(body.Root, items[i].File), modes[i]);
            }
            catch (ConfinedFileException e) when (e.Problem == FileProblem.NotFound)
            {
                // a missing file is skipped
            }
        }
        return Results.NoContent();
    }

    /// <summary>Octal permission bits up to <c>777</c>: setuid, setgid and sticky are refused (beyond Wings).</summary>
    public static uint? ParseMode(string? text)
    {
        if (text is not { Length: > 0 and <= 4 } || !text.All(c => c is >= '0' and <= '7'))
        {
            return null;
        }
        var mode = Convert.ToUInt32(text, 8);
        return mode <= 0b111_111_111 ? mode : null;
    }

    private static IResult Search(HttpContext context, string? directory, string? pattern)
    {
        if (pattern is null || pattern.Length < 3)
        {
            return FileResults.Error(context, StatusCodes.Status400BadRequest, FileApiErrors.PatternTooShort);
        }
        var matches = SearchPattern.For(pattern);
        var found = FileRequest.Of(context).Files.Search(directory ?? "/", matches, SearchMaxDepth, SearchMaxResults, SearchSkipped);
        return Results.Json(found.Select(FileResults.Stat));
    }
}
