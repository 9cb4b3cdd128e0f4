using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.Client;

/// <summary>The client API: API keys (server list and details: ClientServers/; subusers and activity: Subusers/, Activity/, Account/).</summary>
public abstract class ClientApiTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task ApiKeys_CreateListRevoke_SecretShownOnce()
    {
        var (user, password) = await Fixture.CreateUserAsync();
        using var client = await Fixture.LoginAsync(user, password);
        using var created = await client.PostAsJsonAsync("/api/client/account/api-keys", new { description = "ci", expires_at = DateTimeOffset.UtcNow.AddDays(1), allowed_ips = new[] { "127.0.0.1" } });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var doc = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal("api_key", doc.RootElement.GetProperty("object").GetString());
        var secret = doc.RootElement.GetProperty("meta").GetProperty("secret_token").GetString()!;
        var identifier = doc.RootElement.GetProperty("attributes").GetProperty("identifier").GetString()!;
        Assert.Matches("^ptlc_[A-Za-z0-9]{11}$", identifier);
        Assert.Matches("^[A-Za-z0-9]{32}$", secret);
        var token = identifier + secret;
        var list = await client.GetStringAsync("/api/client/account/api-keys");
        Assert.Contains(identifier, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain("secret_token", list, StringComparison.Ordinal);
        using var keyClient = Fixture.ApiKeyClient(token);
        Assert.Equal(HttpStatusCode.OK, (await keyClient.GetAsync("/api/client/account")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/client/account/api-keys/{identifier}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await keyClient.GetAsync("/api/client/account")).StatusCode);
        var rules = await ApiErrorAssert.AssertValidationAsync(await client.PostAsJsonAsync("/api/client/account/api-keys", new { description = "x", allowed_ips = new[] { "not-an-ip" } }));
        Assert.Equal([("allowed_ips.0", "ip")], rules);
    }
}

public sealed class ClientApiSqliteTests(SqlitePanelFixture f) : ClientApiTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ClientApiPostgresTests(PostgresPanelFixture f) : ClientApiTests(f), IClassFixture<PostgresPanelFixture>;
