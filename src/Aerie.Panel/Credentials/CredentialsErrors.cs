using Aerie.Contracts.PanelApi;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Credentials;

/// <summary>
/// Spec 01's error body for the credentials endpoint: the seed's <c>status</c>/<c>message</c> beside spec 04's
/// <c>errors</c> array, so XyraPanel-style and Pterodactyl-style clients both read it.
/// </summary>
internal static class CredentialsErrors
{
    public static ErrorBody Body(int status, string message) =>
        new(status, message, [new ErrorItem(Code(status), status.ToString(System.Globalization.CultureInfo.InvariantCulture), message)]);

    public static IResult Result(int status, string message) => Results.Json(Body(status, message), statusCode: status);

    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Body(status, message));
    }

    /// <summary>The codes spec 01 pins (its 403 is <c>HttpForbiddenException</c>).</summary>
    private static string Code(int status) => status switch
    {
        400 => "BadRequestHttpException",
        401 => "AuthenticationException",
        403 => "HttpForbiddenException",
        404 => "NotFoundHttpException",
        409 => "ConflictHttpException",
        429 => "TooManyRequestsHttpException",
        502 => "BadGatewayHttpException",
        _ => "HttpException",
    };
}
