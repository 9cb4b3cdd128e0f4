using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;
using Aerie.Panel.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Application;

/// <summary>Contract tests of <c>/api/application/users</c> (spec 04 §3.2): shapes, filters, refusals, revocation on a new password.</summary>
public abstract class UsersRoutesTests(PanelFixture fixture)
{
    private const string NotFound = "The requested resource could not be found on the server.";

    protected PanelFixture Fixture { get; } = fixture;

    private async Task<HttpClient> AdminAsync() => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));

    private static object Body(string name, string? password = null, string? external = null, object? rootAdmin = null) => new
    {
        email = $"{name}@Example.test",
        username = name.ToUpperInvariant(),
        first_name = "Ada",
        last_name = "Lovelace",
        external_id = external,
        password,
        root_admin = rootAdmin,
        nest = 1, // unknown fields are ignored (WHMCS sends some)
    };

    [Fact]
    public async Task Create_Answers201_UserShape_MetaResource_LowerCased()
    {
        using var admin = await AdminAsync();
        var name = PanelFixture.Unique("ada");
        using var created = await admin.PostAsJsonAsync("/api/application/users", Body(name, external: "whmcs-" + name, rootAdmin: "1"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        Assert.Equal("user", body.GetProperty("object").GetString());
        var a = body.GetProperty("attributes");
        var id = a.GetProperty("id").GetInt32();
        Assert.Equal((name, $"{name}@example.test", "Ada", "Lovelace", "whmcs-" + name, "en"),
            (a.GetProperty("username").GetString(), a.GetProperty("email").GetString(), a.GetProperty("first_name").GetString(),
             a.GetProperty("last_name").GetString(), a.GetProperty("external_id").GetString(), a.GetProperty("language").GetString()));
        Assert.True(a.GetProperty("root_admin").GetBoolean());
        Assert.False(a.GetProperty("2fa").GetBoolean());
        Assert.True(Guid.TryParse(a.GetProperty("uuid").GetString(), out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", a.GetProperty("created_at").GetString()!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", a.GetProperty("updated_at").GetString()!);
        Assert.False(a.TryGetProperty("password", out _));
        Assert.EndsWith($"/api/application/users/{id}", body.GetProperty("meta").GetProperty("resource").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutPassword_GetsARandomOne_WithPassword_CanSignIn()
    {
        using var admin = await AdminAsync();
        var billing = PanelFixture.Unique("bill");
        var id = (await JsonAsync(await admin.PostAsJsonAsync("/api/application/users", Body(billing)))).GetProperty("attributes").GetProperty("id").GetInt32();
        var hash = await Fixture.WithScopeAsync(async sp => (await sp.GetRequiredService<PanelDb>().Users.AsNoTracking().FirstAsync(u => u.Id == id)).PasswordHash);
        Assert.False(string.IsNullOrEmpty(hash));
        using var anonymous = Fixture.Panel.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/auth/login", new { login = billing, password = "" })).StatusCode);

        var named = PanelFixture.Unique("pw");
        await JsonAsync(await admin.PostAsJsonAsync("/api/application/users", Body(named, password: "a long enough password")));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/auth/login", new { login = named, password = "a long enough password" })).StatusCode);
    }

    [Fact]
    public async Task Create_Refusals_OneEntryPerRule_NothingWritten()
    {
        using var admin = await AdminAsync();
        var fields = await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync("/api/application/users", new { }));
        foreach (var field in new[] { "email", "username", "first_name", "last_name" })
        {
            Assert.Contains((field, "required"), fields);
        }
        var name = PanelFixture.Unique("dup");
        await JsonAsync(await admin.PostAsJsonAsync("/api/application/users", Body(name, external: "ext-" + name)));
        var other = PanelFixture.Unique("oth");
        Assert.Contains(("email", "unique"), await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync("/api/application/users",
            new { email = $"{name.ToUpperInvariant()}@EXAMPLE.test", username = other, first_name = "A", last_name = "B" })));
        Assert.Contains(("username", "unique"), await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync("/api/application/users",
            new { email = $"{other}@example.test", username = name.ToUpperInvariant(), first_name = "A", last_name = "B" })));
        Assert.Contains(("external_id", "unique"), await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync("/api/application/users",
            new { email = $"{other}@example.test", username = other, first_name = "A", last_name = "B", external_id = "ext-" + name })));
        Assert.Contains(("username", "regex"), await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync("/api/application/users",
            new { email = $"{other}@example.test", username = "-bad-", first_name = "A", last_name = "B" })));
        Assert.Contains(("email", "email"), await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync("/api/application/users",
            new { email = "not-an-email", username = other, first_name = "A", last_name = "B" })));
        Assert.Contains(("root_admin", "boolean"), await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync("/api/application/users",
            new { email = $"{other}@example.test", username = other, first_name = "A", last_name = "B", root_admin = "yes" })));
        Assert.Contains(("first_name", "max"), await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync("/api/application/users",
            new { email = $"{other}@example.test", username = other, first_name = new string('a', 192), last_name = "B" })));
        using var malformed = new StringContent("{\"email\":", Encoding.UTF8, "application/json");
        await ApiErrorAssert.AssertAsync(await admin.PostAsync("/api/application/users", malformed), 400, null, "BadRequestHttpException");
        var list = await JsonAsync(await admin.GetAsync($"/api/application/users?filter[username]={other}"));
        Assert.Equal(0, list.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_FiltersBySubstring_Sorts_Paginates_RefusesUnknownNames()
    {
        using var admin = await AdminAsync();
        var tag = PanelFixture.Unique("f");
        var ids = new List<int>();
        var uuids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var a = (await JsonAsync(await admin.PostAsJsonAsync("/api/application/users", Body($"{tag}x{i}", external: $"{tag}-ext-{i}")))).GetProperty("attributes");
            ids.Add(a.GetProperty("id").GetInt32());
            uuids.Add(a.GetProperty("uuid").GetString()!);
        }
        Assert.Equal(ids, Ids(await JsonAsync(await admin.GetAsync($"/api/application/users?filter[email]={tag}"))));
        Assert.Equal(ids, Ids(await JsonAsync(await admin.GetAsync($"/api/application/users?filter%5Busername%5D={tag}x"))));
        Assert.Equal([ids[1]], Ids(await JsonAsync(await admin.GetAsync($"/api/application/users?filter[external_id]={tag}-ext-1"))));
        Assert.Equal([ids[2]], Ids(await JsonAsync(await admin.GetAsync($"/api/application/users?filter[uuid]={uuids[2][4..20]}"))));
        Assert.Equal([ids[0], ids[2]], Ids(await JsonAsync(await admin.GetAsync($"/api/application/users?filter[external_id]={tag}-ext-0,{tag}-ext-2"))));
        Assert.Equal(Enumerable.Reverse(ids), Ids(await JsonAsync(await admin.GetAsync($"/api/application/users?filter[email]={tag}&sort=-id"))));
        Assert.Equal([.. ids.Zip(uuids).OrderBy(p => Guid.Parse(p.Second)).Select(p => p.First)],
            Ids(await JsonAsync(await admin.GetAsync($"/api/application/users?filter[email]={tag}&sort=uuid"))));

        var page = await JsonAsync(await admin.GetAsync($"/api/application/users?filter[email]={tag}&per_page=2"));
        var pagination = page.GetProperty("meta").GetProperty("pagination");
        Assert.Equal((3, 2, 2, 1, 2), (pagination.GetProperty("total").GetInt32(), pagination.GetProperty("count").GetInt32(), pagination.GetProperty("per_page").GetInt32(),
            pagination.GetProperty("current_page").GetInt32(), pagination.GetProperty("total_pages").GetInt32()));
        Assert.Contains("page=2", pagination.GetProperty("links").GetProperty("next").GetString(), StringComparison.Ordinal);
        Assert.Equal([ids[2]], Ids(await JsonAsync(await admin.GetAsync($"/api/application/users?filter[email]={tag}&per_page=2&page=2"))));

        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/users?filter[password]=x"), 400, null, "InvalidFilterQuery");
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/users?sort=email"), 400, null, "InvalidSortQuery");
    }

    [Fact]
    public async Task GetById_AndByExternalId_UnknownIs404()
    {
        using var admin = await AdminAsync();
        var name = PanelFixture.Unique("g");
        var id = (await JsonAsync(await admin.PostAsJsonAsync("/api/application/users", Body(name, external: "svc-" + name)))).GetProperty("attributes").GetProperty("id").GetInt32();
        var byId = await JsonAsync(await admin.GetAsync($"/api/application/users/{id}"));
        Assert.Equal(("user", name), (byId.GetProperty("object").GetString(), byId.GetProperty("attributes").GetProperty("username").GetString()));
        var byExternal = await JsonAsync(await admin.GetAsync($"/api/application/users/external/svc-{name}"));
        Assert.Equal(id, byExternal.GetProperty("attributes").GetProperty("id").GetInt32());
        await ApiErrorAssert.AssertAsync(await admin.GetAsync($"/api/application/users/external/none-{name}"), 404, NotFound, "NotFoundHttpException");
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/users/999999"), 404, NotFound);
        await ApiErrorAssert.AssertAsync(await admin.GetAsync($"/api/application/users/{Guid.NewGuid()}"), 404, null);
    }

    [Fact]
    public async Task Patch_RequiresTheFieldsAgain_Updates_UnknownIs404()
    {
        using var admin = await AdminAsync();
        var name = PanelFixture.Unique("p");
        var id = (await JsonAsync(await admin.PostAsJsonAsync("/api/application/users", Body(name)))).GetProperty("attributes").GetProperty("id").GetInt32();
        var fields = await ApiErrorAssert.AssertValidationAsync(await admin.PatchAsJsonAsync($"/api/application/users/{id}", new { email = $"{name}@example.test" }));
        Assert.Equal([("username", "required"), ("first_name", "required"), ("last_name", "required")], fields);
        var patched = await JsonAsync(await admin.PatchAsJsonAsync($"/api/application/users/{id}",
            new { email = $"{name}@example.test", username = name, first_name = "Grace", last_name = "Hopper", root_admin = true, language = "de" }));
        var a = patched.GetProperty("attributes");
        Assert.Equal(("Grace", "Hopper", "de", true), (a.GetProperty("first_name").GetString(), a.GetProperty("last_name").GetString(), a.GetProperty("language").GetString(), a.GetProperty("root_admin").GetBoolean()));
        await ApiErrorAssert.AssertAsync(await admin.PatchAsJsonAsync("/api/application/users/999999", Body(name)), 404, NotFound);
    }

    [Fact]
    public async Task Patch_NewPassword_EndsTheUsersSessions_AndTheNewOneWorks()
    {
        using var admin = await AdminAsync();
        var (user, password) = await Fixture.CreateUserAsync();
        using var session = await Fixture.LoginAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/client/account")).StatusCode);
        using var unchanged = await admin.PatchAsJsonAsync($"/api/application/users/{user.Id}", new { email = user.Email, username = user.Username, first_name = "A", last_name = "B" });
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/client/account")).StatusCode);

        using var changed = await admin.PatchAsJsonAsync($"/api/application/users/{user.Id}",
            new { email = user.Email, username = user.Username, first_name = "A", last_name = "B", password = "a brand new password" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await ApiErrorAssert.AssertAsync(await session.GetAsync("/api/client/account"), 401, "Unauthenticated.");
        // The consoles' revocation on the nodes (spec 01) is the same UserService.ReplaceAsync path: RevocationTests.
        using var again = await Fixture.LoginAsync(user, "a brand new password");
    }

    [Fact]
    public async Task Delete_OwnerOfServersIs400_OtherwiseGone()
    {
        using var admin = await AdminAsync();
        var (owner, _) = await Fixture.CreateUserAsync();
        await Fixture.CreateServerAsync(owner, onNode: false);
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"/api/application/users/{owner.Id}"), 400, UserService.HasServersText, "DisplayException");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/application/users/{owner.Id}")).StatusCode);
        var (plain, _) = await Fixture.CreateUserAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/application/users/{plain.Id}")).StatusCode);
        await ApiErrorAssert.AssertAsync(await admin.GetAsync($"/api/application/users/{plain.Id}"), 404, NotFound);
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"/api/application/users/{plain.Id}"), 404, NotFound);
    }

    [Fact]
    public async Task Suspend_AeriesExtra_LocksTheAccountOut_UnsuspendLetsItBack()
    {
        using var admin = await AdminAsync();
        var (user, _) = await Fixture.CreateUserAsync();
        using var key = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/application/users/{user.Id}/suspend", null)).StatusCode);
        Assert.True((await JsonAsync(await admin.GetAsync($"/api/application/users/{user.Id}"))).GetProperty("attributes").GetProperty("suspended").GetBoolean());
        await ApiErrorAssert.AssertAsync(await key.GetAsync("/api/client/account"), 401, "Unauthenticated.");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/application/users/{user.Id}/unsuspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/client/account")).StatusCode);
        await ApiErrorAssert.AssertAsync(await admin.PostAsync("/api/application/users/999999/suspend", null), 404, NotFound);
    }

    private static List<int> Ids(JsonElement list) => [.. list.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("attributes").GetProperty("id").GetInt32())];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}

public sealed class UsersRoutesSqliteTests(SqlitePanelFixture f) : UsersRoutesTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class UsersRoutesPostgresTests(PostgresPanelFixture f) : UsersRoutesTests(f), IClassFixture<PostgresPanelFixture>;
