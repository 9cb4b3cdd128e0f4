using System.Text.Json.Serialization;
using Aerie.Panel.Data;

namespace Aerie.Panel.Nodes;

/// <summary>A node as the admin API shows it; the token id is not secret, the token never leaves except in the config file.</summary>
internal sealed record NodeView(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("uuid")] Guid Uuid,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("internalUrl")] string InternalUrl,
    [property: JsonPropertyName("publicScheme")] string PublicScheme,
    [property: JsonPropertyName("publicHost")] string PublicHost,
    [property: JsonPropertyName("publicPort")] int PublicPort,
    [property: JsonPropertyName("tokenId")] string TokenId)
{
    public static NodeView Of(PanelNode n) => new(n.Id, n.Uuid, n.Name, n.InternalUrl, n.PublicScheme, n.PublicHost, n.PublicPort, n.TokenId);
}
