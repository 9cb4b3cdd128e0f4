namespace Aerie.Panel.TwoFactor;

/// <summary>The <c>TwoFactorRequired</c> setting: whose API calls need two-factor authentication enabled first.</summary>
internal enum TwoFactorRequirement
{
    None,
    Admins,
    All,
}
