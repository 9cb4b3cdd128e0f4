using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Panel.Nodes;

/// <summary>Encrypts node secrets at rest with Data Protection (keys in the data folder).</summary>
internal sealed class NodeSecrets(IDataProtectionProvider provider)
{
    // Far more than any panel's node count; past it the cache is simply emptied (never unbounded).
    private const int MaxCached = 1024;

    private readonly IDataProtector protector = provider.CreateProtector("Aerie.Panel.NodeSecret.v1");

    // Keyed by the ciphertext itself, so no invalidation is needed: a reset secret is a new ciphertext.
    // Unprotecting is ~7 % of a credentials request; only successful decryptions are remembered.
    private readonly ConcurrentDictionary<string, NodeSigningSecret> cache = new(StringComparer.Ordinal);

    public string Protect(string secret) => protector.Protect(secret);

    /// <summary>The plain secret, or null when it cannot be decrypted (lost keys) — the node is then unusable.</summary>
    public string? TryUnprotect(string protectedSecret) => TryGet(protectedSecret)?.Secret;

    /// <summary>The plain secret with its HS256 signing credentials (one instance per secret, so the JWT library reuses its HMAC), or null.</summary>
    public NodeSigningSecret? TryGet(string protectedSecret)
    {
        if (cache.TryGetValue(protectedSecret, out var known))
        {
            return known;
        }
        var value = Decrypt(protectedSecret);
        if (value is null)
        {
            return null;
        }
        if (cache.Count >= MaxCached)
        {
            cache.Clear();
        }
        var entry = new NodeSigningSecret(value, new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(value)), SecurityAlgorithms.HmacSha256));
        return cache.GetOrAdd(protectedSecret, entry);
    }

    private string? Decrypt(string protectedSecret)
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
