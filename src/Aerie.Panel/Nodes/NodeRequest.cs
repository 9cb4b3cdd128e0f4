using System.Text.Json.Serialization;

namespace Aerie.Panel.Nodes;

/// <summary>Create/patch body of <c>/api/application/nodes</c>; create requires all but the port.</summary>
internal sealed record NodeRequest(
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("internalUrl")] string? InternalUrl = null,
    [property: JsonPropertyName("publicScheme")] string? PublicScheme = null,
    [property: JsonPropertyName("publicHost")] string? PublicHost = null,
    [property: JsonPropertyName("publicPort")] int? PublicPort = null);
