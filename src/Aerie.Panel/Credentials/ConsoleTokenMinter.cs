using System.Buffers;
using System.Text;
using System.Text.Json;
using Aerie.Contracts.Tokens;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Panel.Credentials;

/// <summary>Mints the console JWT of spec 01: HS256 with the node's secret, the union of Wings', Pterodactyl's and the seed's claims.</summary>
internal sealed partial class ConsoleTokenMinter(PanelOptions options, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary><paramref name="grant"/> (the session or key, <see cref="ConsoleGrant"/>) goes into the token so that
    /// ending it revokes the token; <paramref name="notAfter"/> (its end) caps <c>exp</c>.</summary>
    public string Mint(PanelUser user, GameServer server, PanelNode node, SigningCredentials signing, IReadOnlyList<string> permissions,
        string? grant = null, DateTimeOffset? notAfter = null)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var expires = notAfter is { } end && end < now + options.TokenTtl ? end : now + options.TokenTtl;
        var userId = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var serverUuid = server.Uuid.ToString();
        var userUuid = user.Uuid.ToString();
        var jti = ConsoleJti.Of(user.Uuid, server.Uuid);
        // The payload written directly: the library's claims-dictionary path cost more than signing (profiled under
        // a reconnect storm); the library still writes the header, encodes and signs.
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(TokenClaims.Issuer, options.PublicUrl.TrimEnd('/'));
            json.WriteString(TokenClaims.Audience, NodeUrls.PublicBase(node));
            json.WriteNumber(TokenClaims.IssuedAt, now.ToUnixTimeSeconds());
            json.WriteNumber(TokenClaims.NotBefore, now.AddSeconds(-300).ToUnixTimeSeconds());
            json.WriteNumber(TokenClaims.Expires, expires.ToUnixTimeSeconds());
            json.WriteString(TokenClaims.ServerUuid, serverUuid);
            json.WriteString(TokenClaims.UserUuid, userUuid);
            json.WriteNumber(TokenClaims.UserId, user.Id);
            json.WriteStartArray(TokenClaims.Permissions);
            foreach (var permission in permissions)
            {
                json.WriteStringValue(permission);
            }
            json.WriteEndArray();
            json.WriteString(TokenClaims.Scope, TokenClaims.WebsocketScope);
            json.WriteString(TokenClaims.Jti, jti);
            json.WriteString(TokenClaims.UniqueId, Secrets.Random(16));
            json.WriteStartObject(TokenClaims.Server);
            json.WriteString("uuid", serverUuid);
            json.WriteEndObject();
            json.WriteStartObject(TokenClaims.User);
            json.WriteString("id", userId);
            json.WriteString("uuid", userUuid);
            json.WriteEndObject();
            json.WriteString(TokenClaims.IdentifiedBy, $"{userId}:{serverUuid}");
            if (grant is not null)
            {
                json.WriteString(TokenClaims.Grant, grant);
            }
            json.WriteEndObject();
        }
        var payload = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return Handler.CreateToken(payload, signing, new Dictionary<string, object> { [TokenClaims.Jti] = jti });
    }
}
