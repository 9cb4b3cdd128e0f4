using System.Text.Json.Serialization;

namespace Aerie.Contracts.NodeApi;

/// <summary>A file API error (spec 06 §1): clients read <c>error</c>; <c>request_id</c> is also the <c>X-Request-Id</c> header.</summary>
public sealed record FileApiError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("request_id")] string RequestId);

/// <summary>The Stat object of list, search, compress and a foreground pull (spec 06 §1), exactly Wings' shape.</summary>
public sealed record FileStat(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("modified")] string Modified,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("mode_bits")] string ModeBits,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("directory")] bool Directory,
    [property: JsonPropertyName("file")] bool File,
    [property: JsonPropertyName("symlink")] bool Symlink,
    [property: JsonPropertyName("mime")] string Mime);

/// <summary><c>PUT rename</c>: each <c>from</c>/<c>to</c> joined to <c>root</c>.</summary>
public sealed record RenameFilesRequest(
    [property: JsonPropertyName("root")] string? Root,
    [property: JsonPropertyName("files")] IReadOnlyList<RenameItem>? Files);

public sealed record RenameItem(
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To);

/// <summary><c>POST copy</c>.</summary>
public sealed record CopyFileRequest([property: JsonPropertyName("location")] string? Location);

/// <summary><c>POST delete</c> (and the shape compress reads): paths joined to <c>root</c>.</summary>
public sealed record FileListRequest(
    [property: JsonPropertyName("root")] string? Root,
    [property: JsonPropertyName("files")] IReadOnlyList<string>? Files);

/// <summary><c>POST create-directory</c>: creates <c>path/name</c>.</summary>
public sealed record CreateDirectoryRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("path")] string? Path);

/// <summary><c>POST chmod</c>: <c>mode</c> is octal text such as <c>"755"</c>.</summary>
public sealed record ChmodFilesRequest(
    [property: JsonPropertyName("root")] string? Root,
    [property: JsonPropertyName("files")] IReadOnlyList<ChmodItem>? Files);

public sealed record ChmodItem(
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("mode")] string? Mode);
