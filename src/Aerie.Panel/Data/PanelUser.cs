namespace Aerie.Panel.Data;

internal sealed class PanelUser
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public required string Username { get; set; }

    /// <summary>Stored lower-case so the unique index is case-insensitive on both providers.</summary>
    public required string Email { get; set; }
    /// <summary>A billing system's own id for the account; unique when set.</summary>
    public string? ExternalId { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Language { get; set; } = "en";
    public required string PasswordHash { get; set; }
    public bool Admin { get; set; }
    public bool Suspended { get; set; }

    /// <summary>Login asks for a TOTP code or a recovery token after the password (<see cref="UserTwoFactor"/>).</summary>
    public bool TwoFactorEnabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
