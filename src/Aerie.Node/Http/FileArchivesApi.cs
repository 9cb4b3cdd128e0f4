using Aerie.Contracts.NodeApi;
using Aerie.Node.Files;
using Aerie.Node.Files.Archives;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Http;

/// <summary><c>POST …/files/compress</c> and <c>POST …/files/decompress</c> (spec 06 §2, §3) on the file route group:
/// node auth, unknown server, install refusal and confined-file errors come from <see cref="FileRouteFilter"/>.</summary>
internal static class FileArchivesApi
{
    public static IEndpointRouteBuilder MapFileArchives(this IEndpointRouteBuilder app)
    {
        var files = app.MapFileRoutes();
        files.MapPost("/compress", CompressAsync).WithMetadata(FileRoute.Mutating);
        files.MapPost("/decompress", DecompressAsync).WithMetadata(FileRoute.Mutating);
        return app;
    }

    private static async Task<IResult> CompressAsync(HttpContext context, TimeProvider time, ILogger<ArchiveCompressor> logger)
    {
        var (body, error) = await FileResults.ReadJsonAsync<CompressRequest>(context);
        if (body is null)
        {
            return error!;
        }
        var inputs = body.Files ?? [];
        if (inputs.Count == 0)
        {
            return FileResults.Error(context, StatusCodes.Status422UnprocessableEntity, ArchiveErrors.NoFilesToCompress);
        }
        if (FileResults.TooMany(context, inputs) is { } tooMany)
        {
            return tooMany;
        }
        var request = FileRequest.Of(context);
        var quota = request.Files.Quota;
        if (quota.LimitBytes > 0 && quota.UsedBytes >= quota.LimitBytes)
        {
            return FileResults.Error(context, StatusCodes.Status409Conflict, ArchiveErrors.DiskFullForArchive);
        }
        try
        {
            var path = await new ArchiveCompressor(request.Files, request.Server.Uuid, logger)
                .CompressAsync(body.Root ?? "", inputs, body.Name, body.Extension, time.GetUtcNow(), context.RequestAborted);
            return Results.Json(FileResults.Stat(request.Files.Stat(path, followLinks: false)));
        }
        catch (NoValidFilesException)
        {
            return FileResults.Error(context, StatusCodes.Status400BadRequest, ArchiveErrors.NoValidFiles);
        }
    }

    private static async Task<IResult> DecompressAsync(HttpContext context, ILogger<ArchiveExtractor> logger)
    {
        var (body, error) = await FileResults.ReadJsonAsync<DecompressRequest>(context);
        if (body is null)
        {
            return error!;
        }
        var request = FileRequest.Of(context);
        try
        {
            await new ArchiveExtractor(request.Files, request.Server.Uuid, logger).ExtractAsync(body.Root ?? "", body.File ?? "", context.RequestAborted);
            return Results.NoContent();
        }
        catch (Exception e) when (e is ArchiveFormatException or InvalidDataException or SharpCompress.Common.SharpCompressException)
        {
            // A stream found corrupt while its entries are written is as unreadable as one that does not open.
            return FileResults.Error(context, StatusCodes.Status400BadRequest, ArchiveErrors.UnknownFormat);
        }
    }
}
