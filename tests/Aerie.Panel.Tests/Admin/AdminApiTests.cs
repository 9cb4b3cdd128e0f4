using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.Admin;

/// <summary>The administration API: who may call it, each route, and bad input.</summary>
public abstract class AdminApiTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    private async Task<HttpClient> AdminAsync() => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));

    [Theory]
    [InlineData("/api/application/users")]
    [InlineData("/api/application/nodes")]
    [InlineData("/api/application/servers")]
    public async Task Admin_NoAuth_Returns401_NonAdmin_Returns403(string path)
    {
        using var anonymous = Fixture.Panel.Client();
        await ApiErrorAssert.AssertAsync(await anonymous.GetAsync(path), 401, "Unauthenticated.");
        using var user = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync()).User));
        await ApiErrorAssert.AssertAsync(await user.GetAsync(path), 403, null);
    }

    [Theory]
    [InlineData("{\"username\":\"xyz\",\"email\":\"not-an-email\",\"first_name\":\"A\",\"last_name\":\"B\",\"password\":\"long enough pw\"}", 422)]
    [InlineData("{\"username\":\"xyz\",\"email\":\"a@b.cd\",\"first_name\":\"A\",\"last_name\":\"B\",\"password\":\"short\"}", 422)]
    [InlineData("{\"username\":\"x\",\"email\":", 400)]
    [InlineData("{\"username\":\"xyz\",\"email\":\"a@b.cd\",\"first_name\":\"A\",\"last_name\":\"B\",\"root_admin\":\"yes\"}", 422)]
    [InlineData("[1,2,3]", 400)]
    public async Task Users_BadInput_ReturnsJsonError(string json, int status)
    {
        using var admin = await AdminAsync();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        await ApiErrorAssert.AssertAsync(await admin.PostAsync("/api/application/users", content), status, null);
    }

    [Fact]
    public async Task Request_OversizedBody_Returns413()
    {
        using var admin = await AdminAsync();
        using var content = new StringContent("{\"username\":\"" + new string('a', 200_000) + "\"}", Encoding.UTF8, "application/json");
        await ApiErrorAssert.AssertAsync(await admin.PostAsync("/api/application/users", content), 413, "Request body too large.");
    }

    [Fact]
    public async Task Request_UnknownRoute_Returns404Json()
    {
        using var admin = await AdminAsync();
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/nothing-here"), 404, null);
    }

    [Fact]
    public async Task Lists_AndSingleItemRoutes_ShowCreatedData()
    {
        using var admin = await AdminAsync();
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var nodeId = Fixture.PanelNode.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(owner.Uuid.ToString(), await admin.GetStringAsync("/api/application/users"), StringComparison.Ordinal);
        Assert.Contains(server.Uuid.ToString(), await admin.GetStringAsync("/api/application/servers"), StringComparison.Ordinal);
        Assert.Contains(Fixture.PanelNode.Uuid.ToString(), await admin.GetStringAsync("/api/application/nodes"), StringComparison.Ordinal);
        Assert.Equal(owner.Email, (await ReadAsync(await admin.GetAsync($"/api/application/users/{owner.Id}"))).GetProperty("attributes").GetProperty("email").GetString());
        var node = (await ReadAsync(await admin.GetAsync($"/api/application/nodes/{nodeId}"))).GetProperty("attributes");
        Assert.Equal(Fixture.PanelNode.Name, node.GetProperty("name").GetString());
        Assert.False(node.TryGetProperty("token", out _));
        await ApiErrorAssert.AssertAsync(await admin.GetAsync("/api/application/nodes/999999"), 404, "The requested resource could not be found on the server.");
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"/api/application/nodes/{nodeId}"), 400, "A node must have no servers linked to it in order to be deleted.");
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"/api/application/users/{owner.Id}"), 400, "Cannot delete a user with active servers attached to their account. Please delete their servers before continuing.");
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        response.Dispose();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

public sealed class AdminApiSqliteTests(SqlitePanelFixture f) : AdminApiTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class AdminApiPostgresTests(PostgresPanelFixture f) : AdminApiTests(f), IClassFixture<PostgresPanelFixture>;
