using Aerie.Contracts.NodeApi;
using Aerie.Node.Configuration;
using Aerie.Node.Files;
using Aerie.Node.Files.Pull;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Node.Http;

/// <summary><c>GET</c>/<c>POST …/files/pull</c> and <c>DELETE …/files/pull/{id}</c> (spec 06 §2, §4) on the file
/// route group. A background pull answers 202 with its id and reports nothing later (failures are logged); a
/// foreground pull answers the Stat of the file, or 400 with the reason it failed.</summary>
internal static class PullApi
{
    public static IEndpointRouteBuilder MapPulls(this IEndpointRouteBuilder app)
    {
        var files = app.MapFileRoutes();
        files.MapGet("/pull", List);
        files.MapPost("/pull", StartAsync).WithMetadata(FileRoute.Mutating);
        files.MapDelete("/pull/{id}", Cancel);
        return app;
    }

    private static IResult Disabled(HttpContext context) =>
        FileResults.Error(context, StatusCodes.Status400BadRequest, PullErrors.Disabled);

    private static IResult List(HttpContext context, NodeConfig config, PullService pulls)
    {
        if (config.Api.DisableRemoteDownload)
        {
            return Disabled(context);
        }
        var server = FileRequest.Of(context).Server.Uuid;
        return Results.Json(new PullList(pulls.Registry.Of(server).Select(d => new PullProgress(d.Id, d.Progress)).ToList()));
    }

    private static IResult Cancel(HttpContext context, string id, NodeConfig config, PullService pulls)
    {
        if (config.Api.DisableRemoteDownload)
        {
            return Disabled(context);
        }
        pulls.Registry.Cancel(FileRequest.Of(context).Server.Uuid, id);
        return Results.NoContent();
    }

    private static async Task<IResult> StartAsync(HttpContext context, NodeConfig config, PullService pulls)
    {
        if (config.Api.DisableRemoteDownload)
        {
            return Disabled(context);
        }
        var (body, error) = await FileResults.ReadJsonAsync<PullRequest>(context);
        if (body is null)
        {
            return error!;
        }
        if (PullDownloader.UrlProblem(body.Url, out var url) is { } problem)
        {
            return FileResults.Error(context, StatusCodes.Status400BadRequest, PullErrors.BadUrlPrefix + problem);
        }
        var request = FileRequest.Of(context);
        var quota = request.Files.Quota;
        if (quota.LimitBytes > 0 && quota.UsedBytes >= quota.LimitBytes)
        {
            return FileResults.Error(context, StatusCodes.Status400BadRequest, FileApiErrors.DiskSpace);
        }
        var root = body.Root ?? body.Directory ?? "";
        _ = ConfinedPath.Parse(root); // a root outside the server is refused now, not after the download
        if (pulls.Registry.TryStart(request.Server.Uuid) is not { } download)
        {
            return FileResults.Error(context, StatusCodes.Status400BadRequest, PullErrors.TooMany);
        }
        if (!body.Foreground)
        {
            pulls.Start(download, request.Files, url!, root, body.FileName, body.UseHeader);
            return Results.Json(new PullStarted(download.Id), statusCode: StatusCodes.Status202Accepted);
        }
        try
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(download.Cancellation.Token, context.RequestAborted);
            var path = await pulls.RunAsync(download, request.Files, url!, root, body.FileName, body.UseHeader, both.Token);
            return Results.Json(FileResults.Stat(request.Files.Stat(path, followLinks: false)));
        }
        catch (PullRefusedException e)
        {
            return FileResults.Error(context, StatusCodes.Status400BadRequest, e.Message);
        }
        catch (OperationCanceledException) when (download.Cancellation.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            return FileResults.Error(context, StatusCodes.Status400BadRequest, "the download was cancelled or ran past 12 hours");
        }
        catch (HttpRequestException e)
        {
            return FileResults.Error(context, StatusCodes.Status400BadRequest, "the download failed: " + e.Message);
        }
        finally
        {
            pulls.Registry.Finished(download);
        }
    }
}
