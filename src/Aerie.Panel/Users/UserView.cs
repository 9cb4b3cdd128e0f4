using System.Text.Json.Serialization;
using Aerie.Panel.Data;

namespace Aerie.Panel.Users;

/// <summary>The <c>user</c> object of docs/panel-api.md.</summary>
internal sealed record UserView(
    [property: JsonPropertyName("uuid")] Guid Uuid,
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("admin")] bool Admin,
    [property: JsonPropertyName("suspended")] bool Suspended)
{
    public static UserView Of(PanelUser u) => new(u.Uuid, u.Id, u.Username, u.Email, u.Admin, u.Suspended);
}
