using Aerie.Panel.Nodes;
using Microsoft.AspNetCore.DataProtection;

namespace Aerie.Panel.Tests.Nodes;

/// <summary>The decrypted-secret cache is keyed by the ciphertext: a reset secret is never served from the old entry.</summary>
public sealed class NodeSecretsTests
{
    private readonly NodeSecrets secrets = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void TryGet_SameCiphertext_ReturnsOneSharedSigningKey()
    {
        var sealedSecret = secrets.Protect("first-secret-0123456789abcdef0123456789abcdef");
        var first = secrets.TryGet(sealedSecret);
        var again = secrets.TryGet(sealedSecret);
        Assert.NotNull(first);
        Assert.Same(first, again);
        Assert.Equal("first-secret-0123456789abcdef0123456789abcdef", first.Secret);
    }

    [Fact]
    public void TryGet_ResetSecret_ServesTheNewSecret()
    {
        var old = secrets.TryGet(secrets.Protect("old-secret-0123456789abcdef0123456789abcdef"));
        var reset = secrets.TryGet(secrets.Protect("new-secret-0123456789abcdef0123456789abcdef"));
        Assert.Equal("old-secret-0123456789abcdef0123456789abcdef", old?.Secret);
        Assert.Equal("new-secret-0123456789abcdef0123456789abcdef", reset?.Secret);
        Assert.NotSame(old?.Signing, reset?.Signing);
    }

    [Fact]
    public void TryGet_Undecryptable_ReturnsNullEveryTime()
    {
        var foreign = new NodeSecrets(new EphemeralDataProtectionProvider()).Protect("someone-else-0123456789abcdef0123456789abcdef");
        Assert.Null(secrets.TryGet(foreign));
        Assert.Null(secrets.TryUnprotect(foreign));
    }
}
