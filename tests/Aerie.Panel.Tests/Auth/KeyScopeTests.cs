using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.Auth;

/// <summary>Attacks on key scope: a restricted key tries to mint a key without its restrictions.</summary>
public abstract class KeyScopeTests(PanelFixture fixture)
{
    private const string Keys = "/api/client/account/api-keys";

    [Fact]
    public async Task RestrictedKey_CannotCreateBroaderKey()
    {
        var (user, _) = await fixture.CreateUserAsync();
        var expiry = DateTimeOffset.UtcNow.AddDays(1);
        using var restricted = fixture.ApiKeyClient(await fixture.CreateApiKeyAsync(user, expiry, ["127.0.0.1"]));

        // No address list, a wider range, another address, no expiry, a later expiry: each refused.
        await ApiErrorAssert.AssertAsync(await restricted.PostAsJsonAsync(Keys, new { description = "x", expires_at = expiry }), 422, null);
        await ApiErrorAssert.AssertAsync(await restricted.PostAsJsonAsync(Keys, new { description = "x", expires_at = expiry, allowed_ips = new[] { "0.0.0.0/0" } }), 422, null);
        await ApiErrorAssert.AssertAsync(await restricted.PostAsJsonAsync(Keys, new { description = "x", expires_at = expiry, allowed_ips = new[] { "127.0.0.1", "10.0.0.1" } }), 422, null);
        await ApiErrorAssert.AssertAsync(await restricted.PostAsJsonAsync(Keys, new { description = "x", allowed_ips = new[] { "127.0.0.1" } }), 422, null);
        await ApiErrorAssert.AssertAsync(await restricted.PostAsJsonAsync(Keys, new { description = "x", expires_at = expiry.AddHours(1), allowed_ips = new[] { "127.0.0.1" } }), 422, null);

        // Nothing was created by the refused requests: the user still holds only the restricted key.
        using (var list = JsonDocument.Parse(await restricted.GetStringAsync(Keys)))
        {
            Assert.Single(list.RootElement.GetProperty("data").EnumerateArray());
        }

        // A key as narrow as the creator (or narrower) is fine.
        using var same = await restricted.PostAsJsonAsync(Keys, new { description = "x", expires_at = expiry.AddHours(-1), allowed_ips = new[] { "127.0.0.1/32" } });
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    [Fact]
    public async Task RangeKey_MayCreateKeyInsideItsRange()
    {
        var (user, _) = await fixture.CreateUserAsync();
        using var ranged = fixture.ApiKeyClient(await fixture.CreateApiKeyAsync(user, allowedIps: ["127.0.0.0/8"]));
        using var inside = await ranged.PostAsJsonAsync(Keys, new { description = "x", allowed_ips = new[] { "127.0.0.1", "127.1.0.0/16" } });
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        await ApiErrorAssert.AssertAsync(await ranged.PostAsJsonAsync(Keys, new { description = "x", allowed_ips = new[] { "::1" } }), 422, null);
    }

    [Fact]
    public async Task UnrestrictedKey_CreatesAnyKey()
    {
        var (user, _) = await fixture.CreateUserAsync();
        using var open = fixture.ApiKeyClient(await fixture.CreateApiKeyAsync(user));
        using var created = await open.PostAsJsonAsync(Keys, new { description = "any" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
    }
}

public sealed class KeyScopeSqliteTests(SqlitePanelFixture f) : KeyScopeTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class KeyScopePostgresTests(PostgresPanelFixture f) : KeyScopeTests(f), IClassFixture<PostgresPanelFixture>;
