using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.ApiKeys;

/// <summary>
/// <c>/api/application/api-keys</c>, Aerie's admin-only extra behind the web UI's key page: an administrator's
/// session creates, lists and deletes ptla_ keys; no API key, not even an application key, may.
/// </summary>
public abstract class ApplicationKeysRoutesTests(PanelFixture fixture)
{
    private const string Path = "/api/application/api-keys";

    protected PanelFixture Fixture { get; } = fixture;

    private async Task<(PanelUser Admin, HttpClient Session)> AdminSessionAsync()
    {
        var (admin, password) = await Fixture.CreateUserAsync(admin: true);
        return (admin, await Fixture.LoginAsync(admin, password));
    }

    [Fact]
    public async Task Create_ShownOnce_StoredHashed_MasksApply_ListAndDelete()
    {
        var (admin, session) = await AdminSessionAsync();
        using var _ = session;
        using var created = await session.PostAsJsonAsync(Path, new { description = "billing", allowed_ips = Array.Empty<string>(), r_locations = 1, r_users = "3" });
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("api_key", body.GetProperty("object").GetString());
        var a = body.GetProperty("attributes");
        var identifier = a.GetProperty("identifier").GetString()!;
        var secret = body.GetProperty("meta").GetProperty("secret_token").GetString()!;
        Assert.Matches("^ptla_[A-Za-z0-9]{11}$", identifier);
        Assert.Matches("^[A-Za-z0-9]{32}$", secret);
        Assert.Equal((1, 3, 0), (a.GetProperty("r_locations").GetInt32(), a.GetProperty("r_users").GetInt32(), a.GetProperty("r_servers").GetInt32()));
        var stored = await Fixture.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<PanelDb>().ApiKeys.Single(k => k.Identifier == identifier)));
        Assert.Equal((ApiKeyType.Application, admin.Id), (stored.KeyType, stored.UserId));
        Assert.DoesNotContain(secret, stored.SecretHash, StringComparison.Ordinal);

        using var key = Fixture.ApiKeyClient(identifier + secret);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/application/locations")).StatusCode);
        await ApiErrorAssert.AssertAsync(await key.PostAsJsonAsync("/api/application/locations", new { @short = "x" }), 403, "This action is unauthorized.");
        await ApiErrorAssert.AssertAsync(await key.GetAsync("/api/application/nodes"), 403, "This action is unauthorized.");

        var list = JsonDocument.Parse(await session.GetStringAsync(Path)).RootElement;
        var listed = Assert.Single(list.GetProperty("data").EnumerateArray()).GetProperty("attributes");
        Assert.Equal(identifier, listed.GetProperty("identifier").GetString());
        Assert.DoesNotContain(secret, list.GetRawText(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await session.DeleteAsync($"{Path}/{identifier}")).StatusCode);
        await ApiErrorAssert.AssertAsync(await key.GetAsync("/api/application/locations"), 401, "Unauthenticated.");
        Assert.Empty(JsonDocument.Parse(await session.GetStringAsync(Path)).RootElement.GetProperty("data").EnumerateArray());
        await ApiErrorAssert.AssertAsync(await session.DeleteAsync($"{Path}/{identifier}"), 404, null);
    }

    [Fact]
    public async Task AnApiKey_EvenAnApplicationKeyWithEveryFlag_IsRefused()
    {
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        var every = Enum.GetValues<ApplicationResource>().ToDictionary(r => r, _ => ApplicationMasks.ReadWrite);
        var token = await Fixture.WithScopeAsync(async sp =>
        {
            var user = await sp.GetRequiredService<PanelDb>().Users.FindAsync(admin.Id);
            return (await sp.GetRequiredService<ApiKeyService>().CreateApplicationAsync(user!, "all", every, null, CancellationToken.None)).Token;
        });
        using var application = Fixture.ApiKeyClient(token);
        await ApiErrorAssert.AssertAsync(await application.GetAsync(Path), 403, ApplicationKeysApi.SessionOnlyText, "AccessDeniedHttpException");
        await ApiErrorAssert.AssertAsync(await application.PostAsJsonAsync(Path, new { description = "wider", r_servers = 3 }), 403, ApplicationKeysApi.SessionOnlyText);
        using var adminClientKey = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(admin));
        await ApiErrorAssert.AssertAsync(await adminClientKey.PostAsJsonAsync(Path, new { description = "wider", r_servers = 3 }), 403, ApplicationKeysApi.SessionOnlyText);
        var keys = await Fixture.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<PanelDb>().ApiKeys.Where(k => k.UserId == admin.Id && k.KeyType == ApiKeyType.Application).ToList()));
        Assert.Single(keys);
    }

    [Fact]
    public async Task NonAdminSession_Is403_Anonymous_Is401()
    {
        var (user, password) = await Fixture.CreateUserAsync();
        using var session = await Fixture.LoginAsync(user, password);
        await ApiErrorAssert.AssertAsync(await session.GetAsync(Path), 403, AuthFilter.NotAnApiAdministrator);
        await ApiErrorAssert.AssertAsync(await session.PostAsJsonAsync(Path, new { description = "mine", r_users = 3 }), 403, AuthFilter.NotAnApiAdministrator);
        using var anonymous = Fixture.Panel.Client();
        await ApiErrorAssert.AssertAsync(await anonymous.GetAsync(Path), 401, "Unauthenticated.");
    }

    [Fact]
    public async Task Create_Validates_Masks_Description_AllowedIps_AndEnforcesThem()
    {
        var (_, session) = await AdminSessionAsync();
        using var _ = session;
        var fields = await ApiErrorAssert.AssertValidationAsync(await session.PostAsJsonAsync(Path, new { r_servers = 4, r_nodes = "read", allowed_ips = new[] { "not-an-ip" } }));
        Assert.Contains(("description", "required"), fields);
        Assert.Contains(("r_servers", "max"), fields);
        Assert.Contains(("r_nodes", "integer"), fields);
        Assert.Contains(("allowed_ips.0", "ip"), await ApiErrorAssert.AssertValidationAsync(await session.PostAsJsonAsync(Path, new { description = "d", allowed_ips = new[] { "not-an-ip" } })));

        var created = JsonDocument.Parse(await (await session.PostAsJsonAsync(Path, new { description = "fenced", allowed_ips = new[] { "10.99.0.0/16" }, r_locations = 3 })).Content.ReadAsStringAsync()).RootElement;
        using var fenced = Fixture.ApiKeyClient(created.GetProperty("attributes").GetProperty("identifier").GetString() + created.GetProperty("meta").GetProperty("secret_token").GetString());
        await ApiErrorAssert.AssertAsync(await fenced.GetAsync("/api/application/locations"), 403, null, "AccessDeniedHttpException");
    }

    [Fact]
    public async Task Delete_AnotherAdministratorsKey_Is404()
    {
        var (_, mine) = await AdminSessionAsync();
        var (_, theirs) = await AdminSessionAsync();
        using var a = mine;
        using var b = theirs;
        var created = JsonDocument.Parse(await (await theirs.PostAsJsonAsync(Path, new { description = "theirs", r_nodes = 1 })).Content.ReadAsStringAsync()).RootElement;
        var identifier = created.GetProperty("attributes").GetProperty("identifier").GetString();
        await ApiErrorAssert.AssertAsync(await mine.DeleteAsync($"{Path}/{identifier}"), 404, null);
        Assert.Single(JsonDocument.Parse(await theirs.GetStringAsync(Path)).RootElement.GetProperty("data").EnumerateArray());
    }
}

public sealed class ApplicationKeysRoutesSqliteTests(SqlitePanelFixture f) : ApplicationKeysRoutesTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ApplicationKeysRoutesPostgresTests(PostgresPanelFixture f) : ApplicationKeysRoutesTests(f), IClassFixture<PostgresPanelFixture>;
