using System.Globalization;
using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.ClientServers;

/// <summary>The changing client file routes (spec 04 §2.7): each checks its permission, validates the body, forwards
/// to the node's file API (spec 06 §2) and writes its activity entry once the node has done it.</summary>
internal static class FileActionsApi
{
    public static RouteGroupBuilder MapFileActions(this RouteGroupBuilder files)
    {
        files.MapPut("/rename", RenameAsync);
        files.MapPost("/copy", (string server, HttpContext http, PanelDb db, NodeFiles nodeFiles) =>
            ForwardAsync(server, http, db, nodeFiles, FilesApi.FileCreate, "copy", FileActivity.Copy, input =>
            {
                var location = FileInput.Path(input, "location", required: true);
                return (new JsonObject { ["location"] = location }, new JsonObject { ["file"] = location });
            }));
        files.MapPost("/compress", CompressAsync);
        files.MapPost("/decompress", (string server, HttpContext http, PanelDb db, NodeFiles nodeFiles) =>
            ForwardAsync(server, http, db, nodeFiles, FilesApi.FileCreate, "decompress", FileActivity.Decompress, input =>
            {
                var root = FileInput.Path(input, "root", required: false) ?? "/";
                var file = FileInput.Path(input, "file", required: true);
                return (new JsonObject { ["root"] = root, ["file"] = file }, new JsonObject { ["directory"] = root, ["file"] = file });
            }));
        files.MapPost("/delete", (string server, HttpContext http, PanelDb db, NodeFiles nodeFiles) =>
            ForwardAsync(server, http, db, nodeFiles, FilesApi.FileDelete, "delete", FileActivity.Delete, input =>
            {
                var root = FileInput.Path(input, "root", required: true);
                var list = FileInput.Paths(input, "files");
                return (new JsonObject { ["root"] = root, ["files"] = FileInput.Array(list) }, new JsonObject { ["directory"] = root, ["files"] = FileInput.Array(list) });
            }));
        files.MapPost("/create-folder", (string server, HttpContext http, PanelDb db, NodeFiles nodeFiles) =>
            ForwardAsync(server, http, db, nodeFiles, FilesApi.FileCreate, "create-directory", FileActivity.CreateDirectory, input =>
            {
                var root = FileInput.Path(input, "root", required: false) ?? "/";
                var name = FileInput.Path(input, "name", required: true);
                return (new JsonObject { ["name"] = name, ["path"] = root }, new JsonObject { ["directory"] = root, ["name"] = name });
            }));
        files.MapPost("/chmod", (string server, HttpContext http, PanelDb db, NodeFiles nodeFiles) =>
            ForwardAsync(server, http, db, nodeFiles, FilesApi.FileUpdate, "chmod", null, input =>
            {
                var root = FileInput.Path(input, "root", required: true);
                var items = new JsonArray();
                var all = FileInput.Objects(input, "files");
                for (var i = 0; i < all.Count; i++)
                {
                    var file = FileInput.Path(input, "file", required: true, all[i]["file"], $"files.{i}.file");
                    items.Add(new JsonObject { ["file"] = file, ["mode"] = Mode(input, all[i]["mode"], $"files.{i}.mode") });
                }
                return (new JsonObject { ["root"] = root, ["files"] = items }, null);
            }));
        files.MapPost("/pull", PullAsync);
        return files;
    }

    private static Task<IResult> RenameAsync(string server, HttpContext http, PanelDb db, NodeFiles nodeFiles) =>
        ForwardAsync(server, http, db, nodeFiles, FilesApi.FileUpdate, "rename", FileActivity.Rename, input =>
        {
            var root = FileInput.Path(input, "root", required: true);
            var items = new JsonArray();
            var all = FileInput.Objects(input, "files");
            for (var i = 0; i < all.Count; i++)
            {
                var from = FileInput.Path(input, "from", required: true, all[i]["from"], $"files.{i}.from");
                var to = FileInput.Path(input, "to", required: true, all[i]["to"], $"files.{i}.to");
                items.Add(new JsonObject { ["from"] = from, ["to"] = to });
            }
            return (new JsonObject { ["root"] = root, ["files"] = items }, new JsonObject { ["directory"] = root, ["files"] = items.DeepClone() });
        }, HttpMethod.Put);

    /// <summary>Answers the new archive as a <c>file_object</c> (the node's Stat).</summary>
    private static async Task<IResult> CompressAsync(string server, HttpContext http, PanelDb db, NodeFiles nodeFiles)
    {
        var scope = await ClientServerAccess.RequireAsync(http, db, server, FilesApi.FileArchive);
        var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
        var root = FileInput.Path(input, "root", required: false) ?? "/";
        var list = FileInput.Paths(input, "files");
        input.ThrowIfInvalid();
        var stat = await nodeFiles.ReadJsonAsync(scope, HttpMethod.Post, NodeFiles.Path(scope.Server, "compress"),
            new JsonObject { ["root"] = root, ["files"] = FileInput.Array(list) }, http.RequestAborted);
        await FileActivity.RecordAsync(http, scope, FileActivity.Compress, new JsonObject { ["directory"] = root, ["files"] = FileInput.Array(list) });
        return Results.Json(FileObjectTransformer.Instance.Item(stat));
    }

    private static async Task<IResult> PullAsync(string server, HttpContext http, PanelDb db, NodeFiles nodeFiles, FilePullLimiter limiter)
    {
        var scope = await ClientServerAccess.RequireAsync(http, db, server, FilesApi.FileCreate);
        var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
        var url = input.String("url", required: true);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
        {
            input.Fail("url", "url", "The url field must be a valid URL.");
        }
        var directory = FileInput.Path(input, "directory", required: false) ?? FileInput.Path(input, "root", required: false) ?? "/";
        var fileName = FileInput.Path(input, "filename", required: false);
        var useHeader = input.Boolean("use_header") ?? false;
        var foreground = input.Boolean("foreground") ?? false;
        input.ThrowIfInvalid();
        if (limiter.TryAcquire(scope.User.Uuid, scope.Server.Uuid) is { } wait)
        {
            http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            throw new PanelProblem(429, ApiErrorCodes.ThrottleText, ApiErrorCodes.Throttle);
        }
        var body = new JsonObject { ["url"] = url, ["root"] = directory, ["use_header"] = useHeader, ["foreground"] = foreground };
        if (fileName is not null)
        {
            body["file_name"] = fileName;
        }
        await nodeFiles.SendJsonAsync(scope, HttpMethod.Post, NodeFiles.Path(scope.Server, "pull"), body, http.RequestAborted);
        await FileActivity.RecordAsync(http, scope, FileActivity.Pull, new JsonObject { ["directory"] = directory, ["url"] = url });
        return Results.NoContent();
    }

    /// <summary>The routes that validate, forward one JSON body and answer 204. A null activity name writes none
    /// (chmod: Pterodactyl logs no entry for it).</summary>
    private static async Task<IResult> ForwardAsync(string server, HttpContext http, PanelDb db, NodeFiles nodeFiles, string permission,
        string route, string? activity, Func<ApiInput, (JsonObject Body, JsonObject? Activity)> build, HttpMethod? method = null)
    {
        var scope = await ClientServerAccess.RequireAsync(http, db, server, permission);
        var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
        var (body, properties) = build(input);
        input.ThrowIfInvalid();
        await nodeFiles.SendJsonAsync(scope, method ?? HttpMethod.Post, NodeFiles.Path(scope.Server, route), body, http.RequestAborted);
        if (activity is not null)
        {
            await FileActivity.RecordAsync(http, scope, activity, properties ?? []);
        }
        return Results.NoContent();
    }

    /// <summary>A mode sent as a number (<c>755</c>) or numeric string, passed on as the octal digits the node reads.</summary>
    private static string? Mode(ApiInput input, JsonNode? node, string field)
    {
        var text = node is JsonValue v && v.TryGetValue<long>(out var n) ? n.ToString(CultureInfo.InvariantCulture)
            : node is JsonValue s && s.TryGetValue<string>(out var str) ? str.Trim() : null;
        if (text is null || text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            input.Fail(field, node is null ? "required" : "numeric", node is null ? $"The {field} field is required." : $"The {field} field must be a number.");
            return null;
        }
        return text;
    }
}
