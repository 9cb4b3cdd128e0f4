using System.Text.Json.Serialization;

namespace Aerie.Contracts.NodeApi;

/// <summary><c>POST /api/servers/{uuid}/files/compress</c> (spec 06 §2).</summary>
public sealed record CompressRequest(
    [property: JsonPropertyName("root")] string? Root,
    [property: JsonPropertyName("files")] IReadOnlyList<string>? Files,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("extension")] string? Extension);

/// <summary><c>POST /api/servers/{uuid}/files/decompress</c> (spec 06 §2).</summary>
public sealed record DecompressRequest(
    [property: JsonPropertyName("root")] string? Root,
    [property: JsonPropertyName("file")] string? File);
