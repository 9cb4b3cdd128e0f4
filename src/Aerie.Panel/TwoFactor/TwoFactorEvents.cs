namespace Aerie.Panel.TwoFactor;

/// <summary>Account activity events (Pterodactyl's names); rows have no server.</summary>
internal static class TwoFactorEvents
{
    public const string Enabled = "user:two-factor.create";
    public const string Disabled = "user:two-factor.delete";
}
