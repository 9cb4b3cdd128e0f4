using System.Text.Json.Nodes;
using Aerie.Panel.Activity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.ClientServers;

/// <summary>The activity entries of the file routes, with Pterodactyl's names and properties (spec 04 §2.4). Uploads are
/// reported by the node (<c>server:file.uploaded</c>), which receives the bytes.</summary>
internal static class FileActivity
{
    public const string Read = "server:file.read";
    public const string Write = "server:file.write";
    public const string Download = "server:file.download";
    public const string Rename = "server:file.rename";
    public const string Copy = "server:file.copy";
    public const string Compress = "server:file.compress";
    public const string Decompress = "server:file.decompress";
    public const string Delete = "server:file.delete";
    public const string CreateDirectory = "server:file.create-directory";
    public const string Pull = "server:file.pull";

    public static ValueTask RecordAsync(HttpContext http, ServerScope scope, string name, JsonObject properties)
    {
        var services = http.RequestServices;
        var record = ActivityEntries.Of(http, name, services.GetRequiredService<TimeProvider>(), scope.Server.Uuid, properties);
        return services.GetRequiredService<ActivityWriter>().RecordAsync(record, services.GetRequiredService<Data.PanelDb>(), http.RequestAborted);
    }
}
