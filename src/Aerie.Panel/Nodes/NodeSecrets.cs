using Microsoft.AspNetCore.DataProtection;

namespace Aerie.Panel.Nodes;

/// <summary>Encrypts node secrets at rest with Data Protection (keys in the data folder).</summary>
internal sealed class NodeSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Aerie.Panel.NodeSecret.v1");

    public string Protect(string secret) => protector.Protect(secret);

    /// <summary>The plain secret, or null when it cannot be decrypted (lost keys) — the node is then unusable.</summary>
    public string? TryUnprotect(string protectedSecret)
    {
        try
        {
            var value = protector.Unprotect(protectedSecret);
            return value.Length > 0 ? value : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
