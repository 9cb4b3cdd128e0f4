using System.Text.Json.Serialization;

namespace Aerie.Panel.Api;

/// <summary>One entry of spec 04's error array; <c>status</c> is the HTTP status as a string (Pterodactyl's form).</summary>
internal sealed record ApiError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("meta"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ApiErrorMeta? Meta = null);

/// <summary>Which field and which rule a validation entry is about; clients branch on <c>rule</c>.</summary>
internal sealed record ApiErrorMeta(
    [property: JsonPropertyName("source_field")] string SourceField,
    [property: JsonPropertyName("rule")] string Rule);

/// <summary>The body of every non-2xx answer under <c>/api/</c> (spec 04 §1.5): always at least one entry.</summary>
internal sealed record ApiErrorBody([property: JsonPropertyName("errors")] IReadOnlyList<ApiError> Errors);
