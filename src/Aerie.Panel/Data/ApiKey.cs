namespace Aerie.Panel.Data;

/// <summary>
/// An API key: <c>Identifier</c> (its first 16 characters) is public, only the SHA-256 of the secret part is
/// stored. <see cref="KeyType"/> says what it opens (spec 04 §1.2: the prefix is cosmetic); an application
/// key also carries one access mask per resource (0 none, 1 read, 2 write, 3 both).
/// </summary>
internal sealed class ApiKey
{
    public int Id { get; set; }
    public required string Identifier { get; set; }
    public required string SecretHash { get; set; }
    public int UserId { get; set; }
    public PanelUser? User { get; set; }

    /// <summary><see cref="ApiKeys.ApiKeyType"/>: 1 client (account), 2 application.</summary>
    public int KeyType { get; set; } = ApiKeys.ApiKeyType.Client;
    public string Description { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>JSON array of IP addresses or CIDR ranges; empty = any.</summary>
    public string AllowedIpsJson { get; set; } = "[]";
    public DateTimeOffset? RevokedAt { get; set; }

    public int RServers { get; set; }
    public int RNodes { get; set; }
    public int RAllocations { get; set; }
    public int RUsers { get; set; }
    public int RLocations { get; set; }
    public int RNests { get; set; }
    public int REggs { get; set; }
    public int RDatabaseHosts { get; set; }
    public int RServerDatabases { get; set; }
}
