using System.Net;
using System.Net.Http.Json;
using Aerie.Panel.Data;
using Aerie.Panel.Settings;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Auth;

/// <summary>Failed logins counted before the hash runs; a lock on the attacker's address leaves the owner's open.</summary>
public abstract class LoginLockoutTests(PanelFixture fixture)
{
    [Fact]
    public async Task ParallelWrongLogins_OnlyTheThresholdIsEverChecked()
    {
        var (user, _) = await fixture.CreateUserAsync();
        var hasher = new CountingHasher();
        await using var panel = await TestPanel.StartAsync(
            fixture.Panel.Options with { LoginFailuresPerAccount = 5, LoginFailuresPerAccountAnyIp = 1_000, LoginFailuresPerIp = 10_000 },
            s => s.AddSingleton<IPasswordHasher<PanelUser>>(hasher));
        using var client = panel.Client();
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var response = await client.PostAsJsonAsync("/auth/login", new { login = user.Username, password = "wrong password!" });
            return response.StatusCode;
        }));
        Assert.Equal(5, hasher.Verifications);
        Assert.Equal(5, answers.Count(a => a == HttpStatusCode.Unauthorized));
        Assert.Equal(35, answers.Count(a => a == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task AttackerLockedOut_OwnerFromAnotherAddressLogsIn()
    {
        var (user, password) = await fixture.CreateUserAsync();
        await using var panel = await TestPanel.StartAsync(fixture.Panel.Options with
        {
            TrustedProxies = TrustedProxyList.Parse("127.0.0.1"),
            LoginFailuresPerAccount = 5,
            LoginFailuresPerAccountAnyIp = 50,
            LoginFailuresPerIp = 10_000,
        });
        using var client = panel.Client();
        async Task<HttpStatusCode> LoginFromAsync(string ip, string pass)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { login = user.Email, password = pass }) };
            request.Headers.Add("X-Forwarded-For", ip);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync("203.0.113.66", "wrong password!"));
        }
        // Locked at the attacker's address, even with the right password...
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFromAsync("203.0.113.66", password));
        // ...and the username is the same account as the email there.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { login = user.Username, password }) })
        {
            request.Headers.Add("X-Forwarded-For", "203.0.113.66");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, await LoginFromAsync("198.51.100.7", password));
    }

    private sealed class CountingHasher : IPasswordHasher<PanelUser>
    {
        private readonly PasswordHasher<PanelUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(PanelUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PanelUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

public sealed class LoginLockoutSqliteTests(SqlitePanelFixture f) : LoginLockoutTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class LoginLockoutPostgresTests(PostgresPanelFixture f) : LoginLockoutTests(f), IClassFixture<PostgresPanelFixture>;
