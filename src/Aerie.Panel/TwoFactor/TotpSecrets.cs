using Microsoft.AspNetCore.DataProtection;
using OtpNet;

namespace Aerie.Panel.TwoFactor;

/// <summary>TOTP secrets: 160 random bits (RFC 4226's recommendation), base32 for authenticator apps, encrypted at rest with Data Protection.</summary>
internal sealed class TotpSecrets(IDataProtectionProvider protection)
{
    public const string Issuer = "Aerie";
    private readonly IDataProtector protector = protection.CreateProtector("Aerie.Panel.TwoFactor.TotpSecret.v1");

    public static string NewBase32() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    public string Protect(string base32) => protector.Protect(base32);

    public byte[] Unprotect(string stored) => Base32Encoding.ToBytes(protector.Unprotect(stored));

    /// <summary>Spec 04 §2.2's <c>image_url_data</c>: <c>otpauth://totp/&lt;app&gt;:&lt;email&gt;?secret=…&amp;issuer=&lt;app&gt;</c>.</summary>
    public static string OtpAuthUrl(string email, string base32) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={base32}&issuer={Uri.EscapeDataString(Issuer)}";
}
