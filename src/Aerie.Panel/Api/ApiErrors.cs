using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Api;

/// <summary>Writes spec 04 §1.5's error body; every /api/ answer but the credentials endpoint's (spec 01) uses it.</summary>
internal static class ApiErrors
{
    public static ApiErrorBody Body(int status, string detail, string? code = null) =>
        new([new ApiError(code ?? ApiErrorCodes.For(status), Status(status), detail)]);

    public static IResult Result(int status, string detail, string? code = null) => Results.Json(Body(status, detail, code), statusCode: status);

    public static IResult Result(PanelProblem problem) => Results.Json(new ApiErrorBody(problem.Errors), statusCode: problem.Status);

    public static Task WriteAsync(HttpContext context, int status, string detail, string? code = null) =>
        WriteAsync(context, status, Body(status, detail, code));

    public static Task WriteAsync(HttpContext context, int status, ApiErrorBody body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body);
    }

    public static string Status(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
