using Aerie.Contracts.Tokens;
using Aerie.Node.Servers;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Aerie.Node.Tokens;

/// <summary>A signed-URL token that passed every check of spec 06 §6 steps 1–5: its server, its user, and its route
/// claims (<see cref="Claim"/>) for the route's own rules (step 6).</summary>
internal sealed record SignedUrl(GameServer Server, string UserUuid, JsonWebToken Token)
{
    public string? Claim(string name) => TokenValidator.Str(Token, name);

    /// <summary>The <c>backup_uuid</c> claim when it is a lower-case canonical UUID (step 6 of a backup download),
    /// else null, which the route answers <see cref="SignedUrlValidator.BackupNotFound"/>.</summary>
    public string? BackupUuid() =>
        Claim(SignedUrlClaims.BackupUuid) is { Length: 36 } id && Guid.TryParseExact(id, "D", out var g) && g.ToString("D") == id ? id : null;
}
