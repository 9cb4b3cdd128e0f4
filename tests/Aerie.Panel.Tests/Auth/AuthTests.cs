using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;
using Aerie.Panel.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Auth;

/// <summary>Login, logout, cookies, CSRF and login back-off (docs/panel-api.md).</summary>
public abstract class AuthTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task Login_GoodPassword_SetsHttpOnlyLaxSessionAndReadableCsrfCookie()
    {
        var (user, password) = await Fixture.CreateUserAsync();
        using var client = Fixture.Panel.Client();
        using var response = await client.PostAsJsonAsync("/auth/login", new { login = user.Email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        var session = Assert.Single(cookies, c => c.StartsWith("session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        var csrf = Assert.Single(cookies, c => c.StartsWith("aerie_csrf=", StringComparison.Ordinal));
        Assert.DoesNotContain("httponly", csrf, StringComparison.OrdinalIgnoreCase);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(user.Uuid.ToString(), doc.RootElement.GetProperty("user").GetProperty("uuid").GetString());
        Assert.False(doc.RootElement.GetProperty("user").GetProperty("admin").GetBoolean());
    }

    [Fact]
    public async Task Login_SessionTokenStoredOnlyAsHash()
    {
        var (user, password) = await Fixture.CreateUserAsync();
        using var client = Fixture.Panel.Client();
        using var response = await client.PostAsJsonAsync("/auth/login", new { login = user.Username, password });
        var token = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("session=", StringComparison.Ordinal)).Split(';')[0]["session=".Length..];
        var stored = await Fixture.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<Data.PanelDb>().Sessions.Where(s => s.UserId == user.Id).Select(s => s.TokenHash).ToList()));
        var hash = Assert.Single(stored);
        Assert.NotEqual(token, hash);
        Assert.Equal(Panel.Auth.Secrets.Sha256Hex(token), hash);
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401()
    {
        var (user, _) = await Fixture.CreateUserAsync();
        using var client = Fixture.Panel.Client();
        await ApiErrorAssert.AssertAsync(await client.PostAsJsonAsync("/auth/login", new { login = user.Username, password = "wrong password!" }), 401, "Invalid credentials.");
    }

    [Fact]
    public async Task Login_RepeatedFailures_LocksAccountWithRetryAfterEvenForRightPassword()
    {
        var (user, password) = await Fixture.CreateUserAsync();
        using var client = Fixture.Panel.Client();
        for (var i = 0; i < Fixture.Panel.Options.LoginFailuresPerAccount; i++)
        {
            using var failed = await client.PostAsJsonAsync("/auth/login", new { login = user.Username, password = "wrong password!" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        using var locked = await client.PostAsJsonAsync("/auth/login", new { login = user.Username, password });
        Assert.NotNull(locked.Headers.RetryAfter?.Delta);
        await ApiErrorAssert.AssertAsync(locked, 429, "Too many login attempts.");
    }

    [Fact]
    public async Task Login_RepeatedFailuresFromOneIp_LocksThatIpAcrossAccounts()
    {
        await using var database = await Fixture.NewDatabaseAsync();
        await using var panel = await TestPanel.StartAsync(database.Options() with { LoginFailuresPerIp = 3 });
        await using (var scope = panel.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserService>().CreateAsync("ipvictim", "ipvictim@example.test", "right password here", false, CancellationToken.None);
        }
        using var client = panel.Client();
        for (var i = 0; i < 3; i++)
        {
            using var failed = await client.PostAsJsonAsync("/auth/login", new { login = $"nobody{i}", password = "whatever123" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        using var locked = await client.PostAsJsonAsync("/auth/login", new { login = "ipvictim", password = "right password here" });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    [Fact]
    public async Task Logout_ClearsSessionServerSide()
    {
        var (user, password) = await Fixture.CreateUserAsync();
        using var client = await Fixture.LoginAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/client/account")).StatusCode);
        using var logout = await client.PostAsync("/auth/logout", null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/client/account")).StatusCode);
    }

    [Fact]
    public async Task Account_WithoutLogin_Returns401()
    {
        using var client = Fixture.Panel.Client();
        await ApiErrorAssert.AssertAsync(await client.GetAsync("/api/client/account"), 401, "Unauthenticated.");
    }

    [Fact]
    public async Task Csrf_CookieWriteWithoutHeader_Returns419()
    {
        var (user, password) = await Fixture.CreateUserAsync();
        using var client = await Fixture.LoginAsync(user, password);
        client.DefaultRequestHeaders.Remove("X-CSRF-Token");
        await ApiErrorAssert.AssertAsync(await client.PostAsJsonAsync("/api/client/account/api-keys", new { description = "x" }), 419, "CSRF token mismatch.");
        client.DefaultRequestHeaders.Add("X-CSRF-Token", "wrong-value");
        await ApiErrorAssert.AssertAsync(await client.PostAsJsonAsync("/api/client/account/api-keys", new { description = "x" }), 419, "CSRF token mismatch.");
    }

    [Fact]
    public async Task Csrf_CookieWriteWithHeader_Succeeds_AndApiKeyNeedsNone()
    {
        var (user, password) = await Fixture.CreateUserAsync();
        using var cookie = await Fixture.LoginAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, (await cookie.PostAsJsonAsync("/api/client/account/api-keys", new { description = "x" })).StatusCode);
        using var key = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        Assert.Equal(HttpStatusCode.OK, (await key.PostAsJsonAsync("/api/client/account/api-keys", new { description = "y" })).StatusCode);
    }

    [Fact]
    public async Task SuspendedUser_CannotLoginOrUseSession()
    {
        var (user, password) = await Fixture.CreateUserAsync();
        using var client = await Fixture.LoginAsync(user, password);
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<UserService>().UpdateAsync(user.Uuid, new UserPatch(Suspended: true), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/client/account")).StatusCode);
        using var fresh = Fixture.Panel.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.PostAsJsonAsync("/auth/login", new { login = user.Username, password })).StatusCode);
    }
}

public sealed class AuthSqliteTests(SqlitePanelFixture f) : AuthTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class AuthPostgresTests(PostgresPanelFixture f) : AuthTests(f), IClassFixture<PostgresPanelFixture>;
