using System.Text.Json.Serialization;

namespace Aerie.Contracts.NodeApi;

/// <summary><c>POST /api/servers/{uuid}/files/pull</c> (spec 06 §2); <c>directory</c> is Wings' older name of <c>root</c>.</summary>
public sealed record PullRequest(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("root")] string? Root,
    [property: JsonPropertyName("directory")] string? Directory,
    [property: JsonPropertyName("file_name")] string? FileName,
    [property: JsonPropertyName("use_header")] bool UseHeader,
    [property: JsonPropertyName("foreground")] bool Foreground);

public sealed record PullStarted([property: JsonPropertyName("identifier")] string Identifier);

/// <summary>The keys are capitalised: Wings serialises its Go struct without tags, and panels read them so.</summary>
public sealed record PullProgress(
    [property: JsonPropertyName("Identifier")] string Identifier,
    [property: JsonPropertyName("Progress")] double Progress);

public sealed record PullList([property: JsonPropertyName("downloads")] IReadOnlyList<PullProgress> Downloads);
