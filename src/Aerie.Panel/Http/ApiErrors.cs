using Aerie.Contracts.PanelApi;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Http;

/// <summary>Builds spec 01's error body for any status.</summary>
internal static class ApiErrors
{
    public static ErrorBody Body(int status, string message) =>
        new(status, message, [new ErrorItem(Code(status), status.ToString(System.Globalization.CultureInfo.InvariantCulture), message)]);

    public static IResult Result(int status, string message) => Results.Json(Body(status, message), statusCode: status);

    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Body(status, message));
    }

    /// <summary>Pterodactyl's exception class names, which its client libraries switch on.</summary>
    private static string Code(int status) => status switch
    {
        400 => "BadRequestHttpException",
        401 => "AuthenticationException",
        403 => "HttpForbiddenException",
        404 => "NotFoundHttpException",
        405 => "MethodNotAllowedHttpException",
        409 => "ConflictHttpException",
        413 => "PayloadTooLargeHttpException",
        415 => "UnsupportedMediaTypeHttpException",
        419 => "TokenMismatchException",
        422 => "ValidationException",
        429 => "TooManyRequestsHttpException",
        502 => "BadGatewayHttpException",
        _ => "HttpException",
    };
}
