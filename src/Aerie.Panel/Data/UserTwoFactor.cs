namespace Aerie.Panel.Data;

/// <summary>
/// A user's TOTP secret: written by the enrolment step (<c>GET …/two-factor</c>), in use once
/// <see cref="PanelUser.TwoFactorEnabled"/> is set. The secret is stored encrypted with ASP.NET Data Protection.
/// </summary>
internal sealed class UserTwoFactor
{
    public int UserId { get; set; }
    public required string SecretProtected { get; set; }

    /// <summary>The last 30-second step a code was accepted for: a code is never accepted twice (replay).</summary>
    public long LastUsedStep { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
