using Aerie.Contracts.NodeApi;
using Aerie.Node.Files;
using Aerie.Node.Servers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Http;

/// <summary>
/// Runs before every file route (spec 06 §1): gives the request its <c>X-Request-Id</c>, answers an unknown server
/// 404, refuses a mutating route while the server installs or is restored (409), attaches the server's confined files
/// (<see cref="FileRequest"/>), and turns a failure the route let through into the spec's error body.
/// </summary>
internal sealed class FileRouteFilter(ServerManager servers, IServerFileOwners owners, ILogger<FileRouteFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers["X-Request-Id"] = FileResults.RequestId(http);
        var uuid = http.Request.RouteValues["uuid"] as string ?? "";
        if (!servers.TryGet(uuid, out var server))
        {
            return FileResults.Error(http, StatusCodes.Status404NotFound, NodeApiErrors.NotFound);
        }
        if (FileLock.Refusal(server) is { } busy && http.GetEndpoint()?.Metadata.GetMetadata<FileRoute>() is not null)
        {
            return FileResults.Error(http, StatusCodes.Status409Conflict, busy);
        }
        new FileRequest(server, server.Files(owners.For(server.Uuid)), FileResults.RequestId(http)).Attach(http);
        try
        {
            return await next(context);
        }
        catch (ConfinedFileException e)
        {
            return FileResults.From(http, e);
        }
        catch (Exception e) when (http.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            return FileResults.Error(http, StatusCodes.Status400BadRequest, FileApiErrors.Aborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's 1 MiB body cap of the node (the write route lifts it) met a chunked body.
            return FileResults.Error(http, StatusCodes.Status413PayloadTooLarge, FileApiErrors.BodyTooLarge);
        }
        catch (BadHttpRequestException)
        {
            // The body ended early or broke the protocol: the client went away mid-request.
            return FileResults.Error(http, StatusCodes.Status400BadRequest, FileApiErrors.Aborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            FilesApiLog.Failed(logger, server.Uuid, http.Request.Path.Value ?? "", FileResults.RequestId(http), e);
            return FileResults.Error(http, StatusCodes.Status500InternalServerError, FileApiErrors.Unexpected);
        }
    }
}
