namespace Aerie.Panel.Data;

/// <summary>A client API key: <c>Identifier</c> is public, only the SHA-256 of the secret part is stored.</summary>
internal sealed class ApiKey
{
    public int Id { get; set; }
    public required string Identifier { get; set; }
    public required string SecretHash { get; set; }
    public int UserId { get; set; }
    public PanelUser? User { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>JSON array of IP addresses or CIDR ranges; empty = any.</summary>
    public string AllowedIpsJson { get; set; } = "[]";
    public DateTimeOffset? RevokedAt { get; set; }
}
