using System.Net;
using System.Net.Http.Json;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Auth;

/// <summary>A panel whose public URL is https but which is reached over plain http, as behind a TLS-terminating proxy.</summary>
public abstract class PublicHttpsTests(PanelFixture fixture)
{
    [Fact]
    public async Task BehindTlsProxy_CookiesAreSecure_AndHstsIsSent()
    {
        var (user, password) = await fixture.CreateUserAsync();
        await using var proxied = await TestPanel.StartAsync(fixture.Panel.Options with
        {
            PublicUrl = "https://panel.example.test",
            ListenUrl = "http://127.0.0.1:0",
        });
        using var client = proxied.Client();
        using var login = await client.PostAsJsonAsync("/auth/login", new { login = user.Username, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookies = login.Headers.GetValues("Set-Cookie").ToList();
        Assert.Equal(2, cookies.Count);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("max-age=31536000", Assert.Single(login.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task PlainHttpPanel_NoSecureCookie_NoHsts()
    {
        var (user, password) = await fixture.CreateUserAsync();
        using var client = fixture.Panel.Client();
        using var login = await client.PostAsJsonAsync("/auth/login", new { login = user.Username, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.All(login.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Login_PurgesExpiredSessions()
    {
        var (user, password) = await fixture.CreateUserAsync();
        await fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            db.Sessions.Add(new UserSession { TokenHash = "expired-" + Guid.NewGuid().ToString("N"), UserId = user.Id, CreatedAt = DateTimeOffset.UtcNow.AddDays(-9), ExpiresAtUnixMs = DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeMilliseconds() });
            await db.SaveChangesAsync();
            return 0;
        });
        using var client = await fixture.LoginAsync(user, password);
        var remaining = await fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Sessions.Where(s => s.UserId == user.Id).Select(s => s.ExpiresAtUnixMs).ToListAsync());
        var live = Assert.Single(remaining);
        Assert.True(live > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }
}

public sealed class PublicHttpsSqliteTests(SqlitePanelFixture f) : PublicHttpsTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class PublicHttpsPostgresTests(PostgresPanelFixture f) : PublicHttpsTests(f), IClassFixture<PostgresPanelFixture>;
