using System.Text.Json;
using Aerie.Contracts.NodeApi;
using Aerie.Node.Files;
using Microsoft.AspNetCore.Http;

namespace Aerie.Node.Http;

/// <summary>Answers of the file routes: errors as <c>{"error","request_id"}</c> (spec 06 §1), the Stat object, and
/// JSON bodies read within the request limits of §5.</summary>
internal static class FileResults
{
    public const int MaxJsonBytes = 1024 * 1024;
    public const int MaxFiles = 1000;

    public static IResult Error(HttpContext context, int status, string text) =>
        Results.Json(new FileApiError(text, RequestId(context)), statusCode: status);

    /// <summary>The id of this request (also sent as <c>X-Request-Id</c> by <see cref="FileRouteFilter"/>).</summary>
    public static string RequestId(HttpContext context) => context.TraceIdentifier;

    /// <summary>The spec's status and text for a failed confined operation; <paramref name="notFound"/> replaces the
    /// generic not-found text where a route has its own.</summary>
    public static IResult From(HttpContext context, ConfinedFileException e, string notFound = FileApiErrors.NotFound) => e.Problem switch
    {
        FileProblem.NotFound or FileProblem.OutsideRoot or FileProblem.NotDirectory => Error(context, StatusCodes.Status404NotFound, notFound),
        FileProblem.Denylisted => Error(context, StatusCodes.Status403Forbidden, FileApiErrors.Denylisted),
        FileProblem.IsDirectory => Error(context, StatusCodes.Status400BadRequest, FileApiErrors.IsDirectory),
        FileProblem.QuotaExceeded => Error(context, StatusCodes.Status400BadRequest, FileApiErrors.DiskSpace),
        FileProblem.NameTooLong => Error(context, StatusCodes.Status400BadRequest, FileApiErrors.NameTooLong),
        FileProblem.UnsupportedType => Error(context, StatusCodes.Status400BadRequest, FileApiErrors.UnsupportedType),
        _ => Error(context, StatusCodes.Status500InternalServerError, FileApiErrors.Unexpected),
    };

    public static FileStat Stat(FileEntry entry) => new(
        entry.Name,
        Rfc3339(entry.Changed),
        Rfc3339(entry.Modified),
        FileModeText.Of(entry.Mode),
        FileModeText.Bits(entry.Mode),
        entry.Size,
        entry.IsDirectory,
        !entry.IsDirectory,
        entry.IsLink,
        entry.Mime.Length > 0 ? entry.Mime : entry.IsDirectory ? MimeSniffer.Directory : MimeSniffer.Binary);

    public static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The JSON body as <typeparamref name="T"/>, or the error to answer (not JSON, over 1 MiB).</summary>
    public static async Task<(T? Body, IResult? Error)> ReadJsonAsync<T>(HttpContext context)
        where T : class
    {
        if (context.Request.ContentLength > MaxJsonBytes)
        {
            return (null, Error(context, StatusCodes.Status413PayloadTooLarge, FileApiErrors.BodyTooLarge));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + n > MaxJsonBytes)
            {
                return (null, Error(context, StatusCodes.Status413PayloadTooLarge, FileApiErrors.BodyTooLarge));
            }
            buffer.Write(chunk, 0, n);
        }
        try
        {
            var body = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            return body is null ? (null, Error(context, StatusCodes.Status400BadRequest, FileApiErrors.BadJson)) : (body, null);
        }
        catch (JsonException)
        {
            return (null, Error(context, StatusCodes.Status400BadRequest, FileApiErrors.BadJson));
        }
    }

    /// <summary>Refuses a <c>files</c> list over <see cref="MaxFiles"/> items.</summary>
    public static IResult? TooMany<T>(HttpContext context, IReadOnlyList<T> files) =>
        files.Count > MaxFiles ? Error(context, StatusCodes.Status422UnprocessableEntity, FileApiErrors.TooManyFiles) : null;
}
