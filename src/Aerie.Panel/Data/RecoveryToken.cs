namespace Aerie.Panel.Data;

/// <summary>A single-use two-factor recovery token; only its SHA-256 is stored, and the row is deleted when used.</summary>
internal sealed class RecoveryToken
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
