using Aerie.Node.Files;
using Aerie.Node.Servers;
using Microsoft.AspNetCore.Http;

namespace Aerie.Node.Http;

/// <summary>What a file route works on, set up by <see cref="FileRouteFilter"/>: the server, its confined files and
/// the request id its errors carry.</summary>
internal sealed class FileRequest(GameServer server, ServerFileSystem files, string requestId)
{
    private const string Key = "aerie.file-request";

    public GameServer Server { get; } = server;

    public ServerFileSystem Files { get; } = files;

    public string RequestId { get; } = requestId;

    public static FileRequest Of(HttpContext context) => (FileRequest)context.Items[Key]!;

    public void Attach(HttpContext context) => context.Items[Key] = this;

    /// <summary>A body path joined to the endpoint's <c>root</c> (spec 06 §1); both may start with <c>/</c>.</summary>
    public static string Join(string? root, string? path) => (root ?? "").TrimEnd('/') + "/" + (path ?? "");
}
