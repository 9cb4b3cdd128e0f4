using System.Text.Json.Serialization;

namespace Aerie.Contracts.PanelApi;

/// <summary>Every panel error: the seed's <c>status</c>/<c>message</c> plus Pterodactyl's <c>errors</c> array (spec 01).</summary>
public sealed record ErrorBody(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("errors")] IReadOnlyList<ErrorItem> Errors);

/// <summary>One Pterodactyl-style error; <c>status</c> is a string there.</summary>
public sealed record ErrorItem(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("detail")] string Detail);
