using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;
using Aerie.Panel.TwoFactor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Aerie.Panel.Tests.TwoFactor;

/// <summary>Spec 04 §2.2 account two-factor, the login checkpoint, recovery tokens, replay, and §1.2's required setting.</summary>
public abstract class TwoFactorTests(PanelFixture fixture)
{
    private const string Path = "/api/client/account/two-factor";

    [Fact]
    public async Task Enrol_AnswersSpecShapes_AndStoresNothingInTheClear()
    {
        var (user, password) = await fixture.CreateUserAsync();
        using var client = await fixture.LoginAsync(user, password);
        using var get = await client.GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using var doc = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
        var data = doc.RootElement.GetProperty("data");
        var secret = data.GetProperty("secret").GetString()!;
        Assert.Equal(32, secret.Length);
        Assert.Equal($"otpauth://totp/Aerie:{Uri.EscapeDataString(user.Email)}?secret={secret}&issuer=Aerie", data.GetProperty("image_url_data").GetString());

        var codes = new Codes(secret);
        await Codes.AwayFromStepEdgeAsync();
        await AssertError(await client.PostAsJsonAsync(Path, new { code = codes.At(0), password = "not the password" }), 400, TwoFactorErrors.WrongPassword, null);
        await AssertError(await client.PostAsJsonAsync(Path, new { code = codes.Wrong(), password }), 400, TwoFactorErrors.InvalidToken, "TwoFactorAuthenticationTokenInvalid");
        await AssertError(await client.PostAsJsonAsync(Path, new { password }), 422, "The code field is required.", null);
        await AssertError(await client.PostAsJsonAsync(Path, new { code = codes.At(0) }), 422, "The password field is required.", null);

        using var enable = await client.PostAsJsonAsync(Path, new { code = codes.At(0), password });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        using var enabled = JsonDocument.Parse(await enable.Content.ReadAsStringAsync());
        Assert.Equal("recovery_tokens", enabled.RootElement.GetProperty("object").GetString());
        var tokens = enabled.RootElement.GetProperty("attributes").GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Equal(10, tokens.Count);
        Assert.All(tokens, t => Assert.Equal(10, t.Length));
        Assert.Equal(10, tokens.Distinct().Count());

        await AssertError(await client.GetAsync(Path), 400, TwoFactorErrors.AlreadyEnabled, null);
        var (stored, hashes) = await fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var row = await db.TwoFactors.AsNoTracking().SingleAsync(t => t.UserId == user.Id);
            return (row.SecretProtected, await db.RecoveryTokens.Where(t => t.UserId == user.Id).Select(t => t.TokenHash).ToListAsync());
        });
        Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(10, hashes.Count);
        Assert.Empty(hashes.Intersect(tokens));
        Assert.True(await fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        await WaitForAccountEventAsync(user, TwoFactorEvents.Enabled);
    }

    [Fact]
    public async Task Login_WithTwoFactor_NeedsACode_AndACodeIsNeverAcceptedTwice()
    {
        var (user, password, codes, _) = await EnrolledUserAsync();
        using var client = NewCookieClient(out var cookies);
        var token = await PasswordStepAsync(client, user, password);
        Assert.Null(cookies.GetCookies(new Uri(fixture.Panel.Url))["session"]);

        // The code that enabled two-factor (step -1) is spent; the current one logs in, once.
        await AssertError(await client.PostAsJsonAsync("/auth/login/checkpoint", new { confirmation_token = token, authentication_code = codes.At(-1) }), 401, "Invalid credentials.", null);
        token = await PasswordStepAsync(client, user, password);
        using (var ok = await client.PostAsJsonAsync("/auth/login/checkpoint", new { confirmation_token = token, authentication_code = codes.At(0) }))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            using var body = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
            Assert.True(body.RootElement.GetProperty("complete").GetBoolean());
            Assert.Equal(user.Uuid.ToString(), body.RootElement.GetProperty("user").GetProperty("uuid").GetString());
        }
        Assert.NotNull(cookies.GetCookies(new Uri(fixture.Panel.Url))["session"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/client/account")).StatusCode);

        using var other = NewCookieClient(out _);
        token = await PasswordStepAsync(other, user, password);
        await AssertError(await other.PostAsJsonAsync("/auth/login/checkpoint", new { confirmation_token = token, authentication_code = codes.At(0) }), 401, "Invalid credentials.", null);
    }

    [Fact]
    public async Task Checkpoint_TokenIsSingleUse_EvenAfterAWrongCode()
    {
        var (user, password, codes, _) = await EnrolledUserAsync();
        using var client = NewCookieClient(out _);
        var token = await PasswordStepAsync(client, user, password);
        await AssertError(await client.PostAsJsonAsync("/auth/login/checkpoint", new { confirmation_token = token, authentication_code = codes.Wrong() }), 401, "Invalid credentials.", null);
        await AssertError(await client.PostAsJsonAsync("/auth/login/checkpoint", new { confirmation_token = token, authentication_code = codes.At(1) }), 401, LoginCheckpointApi.Expired, null);
        await AssertError(await client.PostAsJsonAsync("/auth/login/checkpoint", new { confirmation_token = "made-up", authentication_code = codes.At(1) }), 401, LoginCheckpointApi.Expired, null);
    }

    [Fact]
    public async Task RecoveryToken_LogsInOnce()
    {
        var (user, password, _, tokens) = await EnrolledUserAsync();
        using var client = NewCookieClient(out var cookies);
        var token = await PasswordStepAsync(client, user, password);
        using (var ok = await client.PostAsJsonAsync("/auth/login/checkpoint", new { confirmation_token = token, recovery_token = tokens[3] }))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        Assert.NotNull(cookies.GetCookies(new Uri(fixture.Panel.Url))["session"]);
        token = await PasswordStepAsync(client, user, password);
        await AssertError(await client.PostAsJsonAsync("/auth/login/checkpoint", new { confirmation_token = token, recovery_token = tokens[3] }), 401, "Invalid credentials.", null);
        Assert.Equal(9, await fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().RecoveryTokens.CountAsync(t => t.UserId == user.Id)));
    }

    [Fact]
    public async Task WrongCodes_CountAgainstTheLoginThrottle()
    {
        var (user, password, codes, _) = await EnrolledUserAsync();
        await using var panel = await TestPanel.StartAsync(fixture.Panel.Options with { LoginFailuresPerAccount = 4 });
        using var client = panel.Client();
        // Each round: a right password (counted until the login completes) and a wrong code.
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 3; round++)
        {
            using var login = await client.PostAsJsonAsync("/auth/login", new { login = user.Username, password });
            statuses.Add(login.StatusCode);
            if (login.StatusCode != HttpStatusCode.OK)
            {
                break;
            }
            var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("confirmation_token").GetString();
            using var wrong = await client.PostAsJsonAsync("/auth/login/checkpoint", new { confirmation_token = token, authentication_code = codes.Wrong() });
            statuses.Add(wrong.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Disable_NeedsThePassword_BothRoutes_ThenLoginIsOneStep()
    {
        var (user, password, codes, _) = await EnrolledUserAsync();
        using var client = await SessionAsync(user, password, codes.At(0));
        await AssertError(await client.PostAsJsonAsync(Path + "/disable", new { password = "not the password" }), 400, TwoFactorErrors.WrongPassword, null);
        using (var disable = await client.PostAsJsonAsync(Path + "/disable", new { password }))
        {
            Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);
        }
        await WaitForAccountEventAsync(user, TwoFactorEvents.Disabled);
        using (var login = await fixture.Panel.Client().PostAsJsonAsync("/auth/login", new { login = user.Username, password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.True(JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("complete").GetBoolean());
        }
        Assert.Equal(0, await fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().RecoveryTokens.CountAsync(t => t.UserId == user.Id)));

        // The DELETE alias that pterojs and jspteroapi call.
        var secret = await EnrolSecretAsync(client);
        var again = new Codes(secret);
        await Codes.AwayFromStepEdgeAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(Path, new { code = again.At(0), password })).StatusCode);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, Path) { Content = JsonContent.Create(new { password }) };
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(delete)).StatusCode);
        Assert.False(await fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task Required_UntilEnabled_OnlyAccountAndTwoFactorRoutesAnswer()
    {
        var (user, password) = await fixture.CreateUserAsync();
        var (admin, adminPassword) = await fixture.CreateUserAsync(admin: true);
        var key = await fixture.CreateApiKeyAsync(user);
        await using var all = await TestPanel.StartAsync(fixture.Panel.Options with { TwoFactorRequired = TwoFactorRequirement.All });
        await using var admins = await TestPanel.StartAsync(fixture.Panel.Options with { TwoFactorRequired = TwoFactorRequirement.Admins });

        using var session = await LoginOnAsync(all, user, password);
        await AssertError(await session.GetAsync("/api/client"), 400, TwoFactorErrors.Required, "TwoFactorAuthRequiredException");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/client/account")).StatusCode);
        using var byKey = all.Client();
        byKey.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        await AssertError(await byKey.GetAsync("/api/client/account/api-keys"), 400, TwoFactorErrors.Required, "TwoFactorAuthRequiredException");

        using (var adminsPanel = await LoginOnAsync(admins, user, password))
        {
            Assert.Equal(HttpStatusCode.OK, (await adminsPanel.GetAsync("/api/client")).StatusCode);
        }
        using (var adminSession = await LoginOnAsync(admins, admin, adminPassword))
        {
            await AssertError(await adminSession.GetAsync("/api/application/users"), 400, TwoFactorErrors.Required, "TwoFactorAuthRequiredException");
        }

        // The two-factor routes answer, and once enabled the rest does too.
        var codes = new Codes(await EnrolSecretAsync(session));
        await Codes.AwayFromStepEdgeAsync();
        Assert.Equal(HttpStatusCode.OK, (await session.PostAsJsonAsync(Path, new { code = codes.At(0), password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/client")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await byKey.GetAsync("/api/client/account/api-keys")).StatusCode);
    }

    /// <summary>A user with two-factor enabled with the code of step -1, so steps 0 and +1 are still unused.</summary>
    private async Task<(PanelUser User, string Password, Codes Codes, List<string> RecoveryTokens)> EnrolledUserAsync()
    {
        var (user, password) = await fixture.CreateUserAsync();
        using var client = await fixture.LoginAsync(user, password);
        var codes = new Codes(await EnrolSecretAsync(client));
        await Codes.AwayFromStepEdgeAsync();
        using var enable = await client.PostAsJsonAsync(Path, new { code = codes.At(-1), password });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        using var doc = JsonDocument.Parse(await enable.Content.ReadAsStringAsync());
        return (user, password, codes, doc.RootElement.GetProperty("attributes").GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToList());
    }

    private static async Task<string> EnrolSecretAsync(HttpClient client)
    {
        using var get = await client.GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        return JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("secret").GetString()!;
    }

    private static async Task<string> PasswordStepAsync(HttpClient client, PanelUser user, string password)
    {
        using var login = await client.PostAsJsonAsync("/auth/login", new { login = user.Username, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.False(login.Headers.Contains("Set-Cookie"));
        using var doc = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        Assert.False(doc.RootElement.GetProperty("complete").GetBoolean());
        return doc.RootElement.GetProperty("confirmation_token").GetString()!;
    }

    private async Task<HttpClient> SessionAsync(PanelUser user, string password, string code)
    {
        var client = NewCookieClient(out var cookies);
        var token = await PasswordStepAsync(client, user, password);
        using var ok = await client.PostAsJsonAsync("/auth/login/checkpoint", new { confirmation_token = token, authentication_code = code });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        client.DefaultRequestHeaders.Add("X-CSRF-Token", cookies.GetCookies(new Uri(fixture.Panel.Url))["aerie_csrf"]!.Value);
        return client;
    }

    private static async Task<HttpClient> LoginOnAsync(TestPanel panel, PanelUser user, string password)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(panel.Url), Timeout = TimeSpan.FromSeconds(30) };
        using var login = await client.PostAsJsonAsync("/auth/login", new { login = user.Username, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        client.DefaultRequestHeaders.Add("X-CSRF-Token", cookies.GetCookies(new Uri(panel.Url))["aerie_csrf"]!.Value);
        return client;
    }

    private HttpClient NewCookieClient(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(fixture.Panel.Url), Timeout = TimeSpan.FromSeconds(30) };
    }

    private static Task<IReadOnlyList<System.Text.Json.JsonElement>> AssertError(HttpResponseMessage response, int status, string message, string? code) =>
        Api.ApiErrorAssert.AssertAsync(response, status, message, code);

    private Task WaitForAccountEventAsync(PanelUser user, string name) =>
        Eventually.TrueAsync(
            () => fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Activity.AnyAsync(a => a.UserUuid == user.Uuid && a.ServerUuid == null && a.Event == name)),
            $"activity {name} of {user.Username}", TimeSpan.FromSeconds(10));

    /// <summary>Codes an authenticator app would show, for steps around now.</summary>
    private sealed class Codes(string secret)
    {
        private readonly Totp totp = new(Base32Encoding.ToBytes(secret));

        public string At(int steps) => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * steps));

        /// <summary>A well-formed code that matches no step of the window.</summary>
        public string Wrong()
        {
            var valid = new[] { At(-1), At(0), At(1) };
            return Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
        }

        /// <summary>Waits out the last seconds of a step, so "step 0" means the same step for the whole test.</summary>
        public static async Task AwayFromStepEdgeAsync()
        {
            var into = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 30_000;
            if (into > 20_000)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(30_000 - into + 200));
            }
        }
    }
}

public sealed class TwoFactorSqliteTests(SqlitePanelFixture f) : TwoFactorTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class TwoFactorPostgresTests(PostgresPanelFixture f) : TwoFactorTests(f), IClassFixture<PostgresPanelFixture>;
