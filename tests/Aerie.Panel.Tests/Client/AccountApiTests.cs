using System.Text.Json;
using Aerie.Contracts.Permissions;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.Client;

/// <summary><c>GET /api/client/account</c> and <c>GET /api/client/permissions</c> in spec 04 §2.1/§2.2 shapes.</summary>
public abstract class AccountApiTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task Account_IsUserObjectInAccountShape()
    {
        var (user, password) = await Fixture.CreateUserAsync(admin: true);
        using var session = await Fixture.LoginAsync(user, password);
        using var doc = JsonDocument.Parse(await session.GetStringAsync("/api/client/account"));
        Assert.Equal("user", doc.RootElement.GetProperty("object").GetString());
        var a = doc.RootElement.GetProperty("attributes");
        Assert.Equal(user.Id, a.GetProperty("id").GetInt32());
        Assert.True(a.GetProperty("admin").GetBoolean());
        Assert.Equal(user.Username, a.GetProperty("username").GetString());
        Assert.Equal(user.Email, a.GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.String, a.GetProperty("first_name").ValueKind);
        Assert.Equal(JsonValueKind.String, a.GetProperty("last_name").ValueKind);
        Assert.Equal("en", a.GetProperty("language").GetString());
    }

    [Fact]
    public async Task Account_WithoutCredentials_Is401()
    {
        using var anonymous = Fixture.Panel.Client();
        await ApiErrorAssert.AssertAsync(await anonymous.GetAsync("/api/client/account"), 401, "Unauthenticated.", "AuthenticationException");
        await ApiErrorAssert.AssertAsync(await anonymous.GetAsync("/api/client/permissions"), 401, "Unauthenticated.", "AuthenticationException");
    }

    [Fact]
    public async Task Permissions_GroupsEveryKey()
    {
        var (user, _) = await Fixture.CreateUserAsync();
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/client/permissions"));
        Assert.Equal("system_permissions", doc.RootElement.GetProperty("object").GetString());
        var groups = doc.RootElement.GetProperty("attributes").GetProperty("permissions");
        var listed = groups.EnumerateObject()
            .SelectMany(g =>
            {
                Assert.False(string.IsNullOrEmpty(g.Value.GetProperty("description").GetString()));
                return g.Value.GetProperty("keys").EnumerateObject().Select(k => g.Name + "." + k.Name);
            })
            .ToList();
        Assert.Equal(Permission.Subuser, listed);
        Assert.Contains("websocket", groups.EnumerateObject().Select(g => g.Name));
    }
}

public sealed class AccountApiSqliteTests(SqlitePanelFixture f) : AccountApiTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class AccountApiPostgresTests(PostgresPanelFixture f) : AccountApiTests(f), IClassFixture<PostgresPanelFixture>;
