using System.Text.Json.Serialization;

namespace Aerie.Panel.Subusers;

internal sealed record SubuserRequest(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("permissions")] List<string>? Permissions);
