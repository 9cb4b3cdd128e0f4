using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.Http;

/// <summary>
/// Turns every failure into spec 01's JSON error body: thrown <see cref="PanelProblem"/>s, bad
/// request bodies (malformed JSON, wrong types, too large), unknown routes, and crashes (500, no details).
/// </summary>
internal sealed partial class ErrorMiddleware(RequestDelegate next, ILogger<ErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (PanelProblem problem) when (!context.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(context, problem.Status, problem.Message);
            return;
        }
        catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
        {
            var message = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large." : Describe(bad);
            await ApiErrors.WriteAsync(context, bad.StatusCode, message);
            return;
        }
        catch (DbUpdateException) when (!context.Response.HasStarted)
        {
            // A unique index caught what the service's checks missed (two requests racing for one email).
            await ApiErrors.WriteAsync(context, 409, "The change conflicts with existing data.");
            return;
        }
        catch (JsonException) when (!context.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(context, 400, "Malformed JSON body.");
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            LogCrash(logger, context.Request.Path, ex);
            await ApiErrors.WriteAsync(context, 500, "Internal server error.");
            return;
        }
        if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null && context.Response.ContentType is null)
        {
            await ApiErrors.WriteAsync(context, context.Response.StatusCode, DefaultMessage(context.Response.StatusCode));
        }
    }

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is JsonException ? "Malformed JSON body or a field of the wrong type." : bad.Message;

    private static string DefaultMessage(int status) => status switch
    {
        400 => "Bad request.",
        401 => "Unauthenticated.",
        403 => "This action is unauthorized.",
        404 => "The requested resource could not be found.",
        405 => "Method not allowed.",
        413 => "Request body too large.",
        415 => "Content-Type must be application/json.",
        _ => "Request failed.",
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogCrash(ILogger logger, PathString path, Exception ex);
}
