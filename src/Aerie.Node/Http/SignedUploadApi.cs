using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Tokens;
using Aerie.Node.Configuration;
using Aerie.Node.Files;
using Aerie.Node.Servers;
using Aerie.Node.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Aerie.Node.Http;

/// <summary>
/// <c>POST /upload/file?token=&amp;directory=</c> (spec 06 §6): the token, then the body read part by part as it
/// arrives — never buffered — each <c>files</c> part written to <c>&lt;directory&gt;/&lt;base name&gt;</c> through the
/// one quota-checked writer (<c>write</c> semantics: 0644, quota, denylist). A part is cut off the moment it passes
/// <c>api.upload_limit</c>, and other parts are bounded too, so the body read never exceeds the sum of the limits; the
/// file being written is then dropped (files already written stay, as in Wings). While the server installs or is
/// restored the upload is refused (409) before any byte is read, like the other mutating file routes.
/// </summary>
internal static class SignedUploadApi
{
    public const string UploadedEvent = "server:file.uploaded";
    private const string FilesPart = "files";
    private const long OtherPartLimit = 64 * 1024;
    private const int ReadBufferSize = 64 * 1024;

    public static IEndpointRouteBuilder MapSignedUpload(this IEndpointRouteBuilder app)
    {
        app.MapPost("/upload/file", UploadAsync);
        return app;
    }

    private static async Task<IResult> UploadAsync(HttpContext http, SignedUrlValidator validator, NodeConfig config, IServerFileOwners owners,
        ActivityRecorder activity)
    {
        if (await validator.ValidateAsync(http.Request, SignedUrlClaims.FileUploadScope) is not { } url)
        {
            return SignedUrlValidator.NotFound;
        }
        if (FileLock.Refusal(url.Server) is { } busy)
        {
            return Unread(http, Error(409, busy));
        }
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Error(400, SignedUrlErrors.NotMultipart);
        }
        // Kestrel's node-wide 1 MiB cap is for JSON bodies; here every part is bounded on its own below.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }
        var limit = config.Api.UploadLimit * 1024 * 1024;
        var directory = http.Request.Query["directory"].ToString();
        var files = url.Server.Files(owners.For(url.Server.Uuid));
        // The reader hands a part's body out at most one buffer at a time: its 4 KiB default made a 256 MiB upload
        // 65,536 small reads and writes (docs/benchmarks.md, files).
        var reader = new MultipartReader(boundary, http.Request.Body, ReadBufferSize) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        var written = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                var name = disposition is null ? null : BaseName(HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "");
                if (disposition is null || !disposition.Name.Equals(FilesPart, StringComparison.Ordinal) || name is null)
                {
                    // Not a file: read past it, bounded.
                    await new PartStream(section.Body, OtherPartLimit).CopyToAsync(Stream.Null, http.RequestAborted);
                    continue;
                }
                var path = directory.TrimEnd('/') + "/" + name;
                try
                {
                    await files.WriteAsync(path, new PartStream(section.Body, limit), length: null, ct: http.RequestAborted);
                }
                catch (PartTooLargeException)
                {
                    return Unread(http, Error(400, SignedUrlErrors.TooLarge(name, config.Api.UploadLimit)));
                }
                written++;
                activity.Record(Actor.User(url.UserUuid, http.Connection.RemoteIpAddress?.ToString()), url.Server.Uuid, UploadedEvent,
                    new Dictionary<string, string> { ["file"] = name, ["directory"] = directory.Length == 0 ? "/" : directory });
            }
        }
        catch (PartTooLargeException)
        {
            return Unread(http, Error(400, SignedUrlErrors.NotMultipart));
        }
        catch (InvalidDataException)
        {
            return Unread(http, Error(400, SignedUrlErrors.NotMultipart));
        }
        catch (ConfinedFileException e)
        {
            return Unread(http, Refused(e.Problem));
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            return Error(400, FileApiErrors.Aborted);
        }
        return written == 0 ? Error(400, SignedUrlErrors.NoFiles) : Results.Ok();
    }

    /// <summary>A refusal before the body's end: the connection closes after the answer, so the server does not read
    /// (drain) the rest of a body it has refused.</summary>
    private static IResult Unread(HttpContext http, IResult result)
    {
        http.Response.Headers.Connection = "close";
        return result;
    }

    private static IResult Refused(FileProblem problem) => problem switch
    {
        FileProblem.NotFound or FileProblem.OutsideRoot or FileProblem.NotDirectory => Error(404, FileApiErrors.NotFound),
        FileProblem.Denylisted => Error(403, FileApiErrors.Denylisted),
        FileProblem.QuotaExceeded => Error(400, FileApiErrors.DiskSpace),
        FileProblem.IsDirectory => Error(400, FileApiErrors.WriteOverDirectory),
        FileProblem.NameTooLong => Error(400, FileApiErrors.NameTooLong),
        _ => Error(500, FileApiErrors.Unexpected),
    };

    private static IResult Error(int status, string text) => Results.Json(new NodeError(text), statusCode: status);

    /// <summary>The last segment of a browser-sent file name (either slash), or null for none, <c>.</c> or <c>..</c>.</summary>
    internal static string? BaseName(string fileName)
    {
        var name = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        return name is "" or "." or ".." ? null : name;
    }

    private sealed class PartTooLargeException : Exception;

    /// <summary>One part's body, failing the moment it passes <paramref name="limit"/> bytes.</summary>
    private sealed class PartStream(Stream inner, long limit) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            read += n;
            return read > limit ? throw new PartTooLargeException() : n;
        }
    }
}
