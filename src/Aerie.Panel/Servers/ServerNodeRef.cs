using System.Text.Json.Serialization;

namespace Aerie.Panel.Servers;

/// <summary>The <c>node</c> of a client <c>server</c> object.</summary>
internal sealed record ServerNodeRef([property: JsonPropertyName("id")] int Id, [property: JsonPropertyName("name")] string Name);
