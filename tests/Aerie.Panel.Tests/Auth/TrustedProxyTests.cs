using System.Net;
using System.Net.Http.Json;
using Aerie.Panel.Settings;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.Auth;

/// <summary>
/// X-Forwarded-For / X-Forwarded-Proto are believed from the TrustedProxies only: the tests' client is 127.0.0.1,
/// so a panel trusting 127.0.0.1 plays "behind the proxy" and one trusting another address plays "reached directly".
/// </summary>
public abstract class TrustedProxyTests(PanelFixture fixture)
{
    private const string Spoofed = "X-Forwarded-For";

    private Task<TestPanel> PanelAsync(string trusted, int failuresPerIp = 10_000) => TestPanel.StartAsync(fixture.Panel.Options with
    {
        TrustedProxies = TrustedProxyList.Parse(trusted),
        LoginFailuresPerIp = failuresPerIp,
        LoginFailuresPerAccount = 1_000,
        LoginFailuresPerAccountAnyIp = 1_000,
    });

    private static async Task<HttpStatusCode> LoginAsync(HttpClient client, string login, string password, string? forwardedFor, string? proto = null)
    {
        using var response = await SendLoginAsync(client, login, password, forwardedFor, proto);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> SendLoginAsync(HttpClient client, string login, string password, string? forwardedFor, string? proto = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { login, password }) };
        if (forwardedFor is not null)
        {
            request.Headers.Add(Spoofed, forwardedFor);
        }
        if (proto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", proto);
        }
        return client.SendAsync(request);
    }

    [Fact]
    public async Task UntrustedAddress_SpoofedForwardedFor_IsIgnored_LockoutKeyedOnRealAddress()
    {
        await using var panel = await PanelAsync("10.255.255.1", failuresPerIp: 3);
        using var client = panel.Client();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(client, PanelFixture.Unique("nobody"), "whatever123", $"203.0.113.{i + 1}"));
        }
        // A fresh spoofed address does not escape the lock on 127.0.0.1.
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(client, PanelFixture.Unique("nobody"), "whatever123", "198.51.100.200"));
    }

    [Fact]
    public async Task TrustedProxy_ForwardedFor_IsTheClientAddress()
    {
        await using var panel = await PanelAsync("127.0.0.1", failuresPerIp: 3);
        using var client = panel.Client();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(client, PanelFixture.Unique("nobody"), "whatever123", "203.0.113.5"));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(client, PanelFixture.Unique("nobody"), "whatever123", "203.0.113.5"));
        // What the client itself put in front of the proxy's entry is not believed: the proxy saw 203.0.113.5.
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(client, PanelFixture.Unique("nobody"), "whatever123", "192.0.2.99, 203.0.113.5"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(client, PanelFixture.Unique("nobody"), "whatever123", "203.0.113.6"));
    }

    [Fact]
    public async Task ApiKeyAllowedIps_SeeTheForwardedClient_OnlyFromATrustedProxy()
    {
        var (user, _) = await fixture.CreateUserAsync();
        var key = await fixture.CreateApiKeyAsync(user, allowedIps: ["203.0.113.7"]);
        await using var proxied = await PanelAsync("127.0.0.0/8");
        await using var direct = await PanelAsync("10.255.255.1");
        async Task<HttpStatusCode> AccountAsync(TestPanel panel, string forwardedFor)
        {
            using var client = panel.Client();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/client/account");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            request.Headers.Add(Spoofed, forwardedFor);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await AccountAsync(proxied, "203.0.113.7"));
        // Outside the key's allowed_ips: spec 04 §1.2's 403 (the client seen is the forwarded one only via a trusted proxy).
        Assert.Equal(HttpStatusCode.Forbidden, await AccountAsync(proxied, "203.0.113.8"));
        Assert.Equal(HttpStatusCode.Forbidden, await AccountAsync(direct, "203.0.113.7"));
    }

    [Fact]
    public async Task CredentialsAudit_RecordsTheForwardedClient()
    {
        var (owner, _) = await fixture.CreateUserAsync();
        var server = await fixture.CreateServerAsync(owner);
        var key = await fixture.CreateApiKeyAsync(owner);
        await using var proxied = await PanelAsync("127.0.0.1");
        using var client = proxied.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/client/servers/{server.Identifier}/websocket");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        request.Headers.Add(Spoofed, "203.0.113.44");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await fixture.WaitForActivityAsync(server.Uuid, 1));
        Assert.Equal("203.0.113.44", row.Ip);
    }

    [Fact]
    public async Task TrustedTlsProxy_ForwardedHttps_MakesTheSessionCookieSecure()
    {
        var (user, password) = await fixture.CreateUserAsync();
        await using var proxied = await PanelAsync("127.0.0.1");
        await using var direct = await PanelAsync("10.255.255.1");
        Assert.False(proxied.Options.PublicUrl.StartsWith("https", StringComparison.Ordinal));

        static async Task<string> SessionCookieAsync(TestPanel panel, string login, string password, string? proto)
        {
            using var client = panel.Client();
            using var response = await SendLoginAsync(client, login, password, "203.0.113.9", proto);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("session=", StringComparison.Ordinal));
        }
        Assert.Contains("secure", await SessionCookieAsync(proxied, user.Username, password, "https"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await SessionCookieAsync(proxied, user.Username, password, null), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await SessionCookieAsync(direct, user.Username, password, "https"), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class TrustedProxySqliteTests(SqlitePanelFixture f) : TrustedProxyTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class TrustedProxyPostgresTests(PostgresPanelFixture f) : TrustedProxyTests(f), IClassFixture<PostgresPanelFixture>;
