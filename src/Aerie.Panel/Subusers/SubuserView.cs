using System.Text.Json.Serialization;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.Subusers;

internal sealed record SubuserView(
    [property: JsonPropertyName("uuid")] Guid Uuid,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("permissions")] IReadOnlyList<string> Permissions)
{
    public static SubuserView Of(Subuser s) => new(s.User!.Uuid, s.User.Username, s.User.Email, Json.Read<List<string>>(s.PermissionsJson));
}
