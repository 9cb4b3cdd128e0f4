using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.ApiKeys;

/// <summary>Spec 04 §1.2 and §2.2: key format, the 25-key limit, allowed_ips validated and enforced, and the separation of the two APIs.</summary>
public abstract class ApiKeyTests(PanelFixture fixture)
{
    private const string Keys = "/api/client/account/api-keys";

    protected PanelFixture Fixture { get; } = fixture;

    private Task<string> ApplicationKeyAsync(PanelUser admin, Dictionary<ApplicationResource, int>? masks = null) =>
        Fixture.WithScopeAsync(async sp =>
        {
            var user = await sp.GetRequiredService<PanelDb>().Users.FindAsync(admin.Id);
            var (_, token) = await sp.GetRequiredService<ApiKeyService>().CreateApplicationAsync(user!, "app", masks ?? [], null, CancellationToken.None);
            return token;
        });

    [Fact]
    public async Task Create_Validates_OneEntryPerRule()
    {
        var (user, _) = await Fixture.CreateUserAsync();
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        var rules = await ApiErrorAssert.AssertValidationAsync(await client.PostAsJsonAsync(Keys, new { allowed_ips = new[] { "10.0.0.1", "300.1.1.1", "10.0.0.0/40" }, ignored = new { a = 1 } }));
        Assert.Equal([("description", "required")], rules);
        rules = await ApiErrorAssert.AssertValidationAsync(await client.PostAsJsonAsync(Keys, new { description = "x", allowed_ips = new[] { "10.0.0.1", "300.1.1.1", "10.0.0.0/40" } }));
        Assert.Equal([("allowed_ips.1", "ip"), ("allowed_ips.2", "ip")], rules);
        rules = await ApiErrorAssert.AssertValidationAsync(await client.PostAsJsonAsync(Keys, new { description = new string('d', 501) }));
        Assert.Equal([("description", "max")], rules);
    }

    [Fact]
    public async Task Create_TwentySixthKey_Is400()
    {
        var (user, _) = await Fixture.CreateUserAsync();
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        for (var i = 1; i < 25; i++)
        {
            using var ok = await client.PostAsJsonAsync(Keys, new { description = "k" + i });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        await ApiErrorAssert.AssertAsync(await client.PostAsJsonAsync(Keys, new { description = "one too many" }), 400,
            "You have reached the account limit for number of API keys.", "DisplayException");
        using var list = JsonDocument.Parse(await client.GetStringAsync(Keys));
        Assert.Equal("list", list.RootElement.GetProperty("object").GetString());
        Assert.Equal(25, list.RootElement.GetProperty("data").GetArrayLength());
        Assert.All(list.RootElement.GetProperty("data").EnumerateArray(), k => Assert.Equal("api_key", k.GetProperty("object").GetString()));
    }

    [Fact]
    public async Task Create_EmptyBody_IsRequiredNotMalformed()
    {
        var (user, _) = await Fixture.CreateUserAsync();
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        using var content = new StringContent("", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal([("description", "required")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(Keys, content)));
        using var malformed = new StringContent("{\"description\":", System.Text.Encoding.UTF8, "application/json");
        var errors = await ApiErrorAssert.AssertAsync(await client.PostAsync(Keys, malformed), 400, null, "BadRequestHttpException");
        Assert.StartsWith("The JSON data passed in the request appears to be malformed: ", errors[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_UnknownOrOthers_Is404()
    {
        var (user, _) = await Fixture.CreateUserAsync();
        var (other, _) = await Fixture.CreateUserAsync();
        var theirs = await Fixture.CreateApiKeyAsync(other);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        await ApiErrorAssert.AssertAsync(await client.DeleteAsync($"{Keys}/{theirs[..16]}"), 404, "The requested resource could not be found on the server.");
        await ApiErrorAssert.AssertAsync(await client.DeleteAsync($"{Keys}/ptlc_nothinghere"), 404, null, "NotFoundHttpException");
    }

    [Fact]
    public async Task AllowedIps_OtherAddress_Is403AndRecorded()
    {
        var (user, _) = await Fixture.CreateUserAsync();
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user, allowedIps: ["203.0.113.9"]));
        await ApiErrorAssert.AssertAsync(await client.GetAsync("/api/client/account"), 403,
            "This IP address (127.0.0.1) does not have permission to access the API using these credentials.", "AccessDeniedHttpException");
        var rows = await Eventually.ValueAsync(
            () => Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Activity.AsNoTracking().Where(a => a.UserUuid == user.Uuid && a.Event == "auth:ip-blocked").ToListAsync()),
            r => r.Count == 1, "one auth:ip-blocked row", TimeSpan.FromSeconds(10));
        Assert.Equal("127.0.0.1", rows[0].Ip);
    }

    [Fact]
    public async Task ApplicationKey_OnClientApi_Is403_EvenOnTheCredentialsEndpoint()
    {
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        var server = await Fixture.CreateServerAsync(admin);
        var token = await ApplicationKeyAsync(admin, new() { [ApplicationResource.Servers] = ApplicationMasks.ReadWrite });
        Assert.Matches("^ptla_[A-Za-z0-9]{43}$", token);
        using var client = Fixture.ApiKeyClient(token);
        await ApiErrorAssert.AssertAsync(await client.GetAsync("/api/client/account"), 403, AuthFilter.ApplicationKeyOnClient, "AccessDeniedHttpException");
        await CredentialsRequests.AssertErrorAsync(await client.GetAsync(CredentialsRequests.Route(server.Identifier)), 403, AuthFilter.ApplicationKeyOnClient);
        using var list = JsonDocument.Parse(await Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(admin)).GetStringAsync(Keys));
        Assert.DoesNotContain(list.RootElement.GetProperty("data").EnumerateArray(), k => k.GetProperty("attributes").GetProperty("identifier").GetString() == token[..16]);
    }

    [Fact]
    public async Task ApplicationApi_NonAdmin_Is403_AdminClientKeyAndApplicationKeyAccepted()
    {
        var (user, _) = await Fixture.CreateUserAsync();
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        using var plain = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        await ApiErrorAssert.AssertAsync(await plain.GetAsync("/api/application/users"), 403, AuthFilter.NotAnApiAdministrator, "AccessDeniedHttpException");
        using var adminClientKey = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(admin));
        Assert.Equal(HttpStatusCode.OK, (await adminClientKey.GetAsync("/api/application/users")).StatusCode);
        using var application = Fixture.ApiKeyClient(await ApplicationKeyAsync(admin, new() { [ApplicationResource.Users] = ApplicationMasks.Read }));
        using var answer = await application.GetAsync("/api/application/users");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("240", Assert.Single(answer.Headers.GetValues("X-RateLimit-Limit")));
    }

    [Fact]
    public async Task ApplicationApi_AdminClientKey_RefusedWhenSettingOff()
    {
        await using var database = await Fixture.NewDatabaseAsync();
        await using var panel = await TestPanel.StartAsync(database.Options() with { AdminClientKeysOnApplication = false });
        string token;
        await using (var scope = panel.Services.CreateAsyncScope())
        {
            var admin = await scope.ServiceProvider.GetRequiredService<Users.UserService>().CreateAsync("root", "root@example.test", "correct horse battery", true, CancellationToken.None);
            (_, token) = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(admin, "c", null, null, CancellationToken.None);
        }
        using var client = panel.Client();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        await ApiErrorAssert.AssertAsync(await client.GetAsync("/api/application/users"), 403, AuthFilter.NotAnApiAdministrator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/client/account")).StatusCode);
    }

    [Fact]
    public async Task LegacyAerieKey_StillAuthenticates()
    {
        var (user, _) = await Fixture.CreateUserAsync();
        var identifier = Secrets.Random(16);
        var secret = Secrets.Random(32);
        await Fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            db.ApiKeys.Add(new ApiKey { Identifier = identifier, SecretHash = Secrets.Sha256Hex(secret), UserId = user.Id, CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var legacy = Fixture.ApiKeyClient("aerie_" + identifier + secret);
        Assert.Equal(HttpStatusCode.OK, (await legacy.GetAsync("/api/client/account")).StatusCode);
        using var unprefixed = Fixture.ApiKeyClient(identifier + secret);
        Assert.Equal(HttpStatusCode.OK, (await unprefixed.GetAsync("/api/client/account")).StatusCode);
        using var wrong = Fixture.ApiKeyClient(identifier + Secrets.Random(32));
        await ApiErrorAssert.AssertAsync(await wrong.GetAsync("/api/client/account"), 401, "Unauthenticated.");
    }
}

public sealed class ApiKeySqliteTests(SqlitePanelFixture f) : ApiKeyTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ApiKeyPostgresTests(PostgresPanelFixture f) : ApiKeyTests(f), IClassFixture<PostgresPanelFixture>;
