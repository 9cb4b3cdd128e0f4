namespace Aerie.Panel.Data;

/// <summary>A browser session; only the SHA-256 of the cookie value is stored.</summary>
internal sealed class UserSession
{
    public int Id { get; set; }
    public required string TokenHash { get; set; }
    public int UserId { get; set; }
    public PanelUser? User { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long ExpiresAtUnixMs { get; set; }
}
