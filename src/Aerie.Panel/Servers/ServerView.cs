using System.Text.Json.Serialization;
using Aerie.Panel.Data;

namespace Aerie.Panel.Servers;

/// <summary>The client API's <c>server</c> object (docs/panel-api.md).</summary>
internal sealed record ServerView(
    [property: JsonPropertyName("uuid")] Guid Uuid,
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("node")] ServerNodeRef? Node,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("suspended")] bool Suspended,
    [property: JsonPropertyName("isOwner")] bool IsOwner,
    [property: JsonPropertyName("permissions")] IReadOnlyList<string> Permissions)
{
    public static ServerView Of(GameServer s, PanelUser viewer, IReadOnlyList<string> permissions) =>
        new(s.Uuid, s.Identifier, s.Name, s.Description, s.Node is null ? null : new ServerNodeRef(s.Node.Id, s.Node.Name),
            s.Status, s.Suspended, s.OwnerId == viewer.Id, permissions);
}
