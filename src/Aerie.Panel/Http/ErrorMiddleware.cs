using System.Text.Json;
using Aerie.Panel.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.Http;

/// <summary>
/// Turns every failure into spec 04 §1.5's JSON error body, whatever <c>Accept</c> says: thrown
/// <see cref="PanelProblem"/>s, bad request bodies, unknown routes (404 naming the route), wrong methods
/// (405 naming the supported ones), bare status answers, and crashes (500, generic text, no details).
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
            await ApiErrors.WriteAsync(context, problem.Status, new ApiErrorBody(problem.Errors));
            return;
        }
        catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
        {
            await WriteBadRequestAsync(context, bad);
            return;
        }
        catch (DbUpdateException) when (!context.Response.HasStarted)
        {
            // A unique index caught what the service's checks missed (two requests racing for one email).
            await ApiErrors.WriteAsync(context, 409, "The change conflicts with existing data.");
            return;
        }
        catch (JsonException json) when (!context.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(context, 400, ApiErrorCodes.MalformedJsonPrefix + json.Message);
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            LogCrash(logger, context.Request.Path, ex);
            await ApiErrors.WriteAsync(context, 500, ApiErrorCodes.UnexpectedText);
            return;
        }
        if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null && context.Response.ContentType is null)
        {
            await ApiErrors.WriteAsync(context, context.Response.StatusCode, DefaultMessage(context));
        }
    }

    private static Task WriteBadRequestAsync(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiErrors.WriteAsync(context, 413, "Request body too large.");
        }
        var detail = bad.InnerException is JsonException json ? ApiErrorCodes.MalformedJsonPrefix + json.Message : bad.Message;
        return ApiErrors.WriteAsync(context, bad.StatusCode, detail);
    }

    private static string DefaultMessage(HttpContext context)
    {
        var request = context.Request;
        return context.Response.StatusCode switch
        {
            // No endpoint matched: the route itself is unknown (an endpoint's own 404 is about a resource).
            404 when context.GetEndpoint() is null => ApiErrorCodes.RouteNotFound(request.Path),
            404 => ApiErrorCodes.ResourceNotFoundText,
            // Routing's 405 endpoint lists the methods the path supports in Allow.
            405 => ApiErrorCodes.MethodNotSupported(request.Method, request.Path,
                context.Response.Headers.Allow.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
            400 => "Bad request.",
            401 => ApiErrorCodes.UnauthenticatedText,
            403 => ApiErrorCodes.UnauthorizedText,
            413 => "Request body too large.",
            415 => "The request's content type is not supported.",
            429 => ApiErrorCodes.ThrottleText,
            >= 500 => ApiErrorCodes.UnexpectedText,
            _ => "The request failed.",
        };
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogCrash(ILogger logger, PathString path, Exception ex);
}
