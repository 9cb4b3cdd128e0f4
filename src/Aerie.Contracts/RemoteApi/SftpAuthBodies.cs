using System.Text.Json.Serialization;

namespace Aerie.Contracts.RemoteApi;

/// <summary><c>POST /api/remote/sftp/auth</c> (spec 06 §7): what the node's SFTP server asks the panel. For
/// <c>public_key</c>, <see cref="Password"/> holds the key in authorized_keys form; <see cref="Ip"/> is the SSH
/// client's <c>host:port</c>.</summary>
public sealed record SftpAuthRequest(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("ip")] string? Ip,
    [property: JsonPropertyName("session_id")] string? SessionId,
    [property: JsonPropertyName("client_version")] string? ClientVersion);

public sealed record SftpAuthResponse(
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("permissions")] IReadOnlyList<string> Permissions);

public static class SftpAuthTypes
{
    public const string Password = "password";
    public const string PublicKey = "public_key";
}
