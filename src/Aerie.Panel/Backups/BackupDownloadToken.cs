using Aerie.Contracts.Tokens;
using Aerie.Panel.Auth;
using Aerie.Panel.Credentials;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Panel.Backups;

/// <summary>
/// The signed URL of a local backup download (spec 06 §6: HS256 with the node's secret, 15 minutes, scope
/// <c>backup-download</c>, single-use <c>unique_id</c>, the console's deterministic <c>jti</c> so revocations reach it).
/// Minted with the credentials code's primitives until a shared signed-URL helper exists.
/// </summary>
internal sealed class BackupDownloadToken(PanelOptions options, TimeProvider time)
{
    public const string Scope = "backup-download";
    public const string BackupUuidClaim = "backup_uuid";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Url(PanelUser user, GameServer server, PanelNode node, Backup backup, SigningCredentials signing)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var jti = ConsoleJti.Of(user.Uuid, server.Uuid);
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.PublicUrl.TrimEnd('/'),
            Audience = NodeUrls.PublicBase(node),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.AddSeconds(-300).UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            SigningCredentials = signing,
            AdditionalHeaderClaims = new Dictionary<string, object> { [TokenClaims.Jti] = jti },
            Claims = new Dictionary<string, object>
            {
                [TokenClaims.Jti] = jti,
                [TokenClaims.UserUuid] = user.Uuid.ToString(),
                [TokenClaims.UniqueId] = Secrets.Random(16),
                [TokenClaims.Scope] = Scope,
                [TokenClaims.ServerUuid] = server.Uuid.ToString(),
                [BackupUuidClaim] = backup.Uuid.ToString(),
            },
        });
        return $"{NodeUrls.PublicBase(node)}/download/backup?token={token}";
    }
}
