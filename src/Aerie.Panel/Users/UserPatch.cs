using System.Text.Json.Serialization;

namespace Aerie.Panel.Users;

/// <summary>Body of <c>PATCH /api/application/users/{uuid}</c> and of create (all optional here, checked by the service).</summary>
internal sealed record UserPatch(
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("email")] string? Email = null,
    [property: JsonPropertyName("password")] string? Password = null,
    [property: JsonPropertyName("admin")] bool? Admin = null,
    [property: JsonPropertyName("suspended")] bool? Suspended = null);
