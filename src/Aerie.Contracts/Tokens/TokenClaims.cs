namespace Aerie.Contracts.Tokens;

/// <summary>Claim names of the console JWT (spec 01 mints, spec 02 checks).</summary>
public static class TokenClaims
{
    public const string ServerUuid = "server_uuid";
    public const string UserUuid = "user_uuid";
    public const string UserId = "user_id";
    public const string Permissions = "permissions";
    public const string Scope = "scope";
    public const string Jti = "jti";
    public const string UniqueId = "unique_id";
    public const string Issuer = "iss";
    public const string Audience = "aud";
    public const string IssuedAt = "iat";
    public const string NotBefore = "nbf";
    public const string Expires = "exp";
    public const string Server = "server";
    public const string User = "user";
    public const string IdentifiedBy = "identifiedBy";

    /// <summary>Aerie's own claim: which panel session (<c>session:&lt;id&gt;</c>) or API key (<c>key:&lt;identifier&gt;</c>)
    /// the token was minted through, so that logging out or deleting the key revokes exactly its tokens. Wings ignores it.</summary>
    public const string Grant = "aerie_grant";

    public const string WebsocketScope = "websocket";
}
