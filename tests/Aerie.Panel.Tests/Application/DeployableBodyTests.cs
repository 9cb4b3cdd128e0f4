using System.Net;
using System.Text;
using System.Text.Json;
using Aerie.Panel.Locations;
using Aerie.Panel.Nodes;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Application;

/// <summary>
/// <c>GET /api/application/nodes/deployable</c> with its requirements in a JSON body, as pterojs's
/// <c>fetchDeployable</c> sends them (Laravel reads a JSON body on a GET too, the body winning over the query).
/// </summary>
public abstract class DeployableBodyTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task JsonBodyOnTheGet_IsRead_AndWinsOverTheQuery()
    {
        using var admin = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));
        var location = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<LocationService>().CreateAsync(PanelFixture.Unique("l"), null, CancellationToken.None));
        var node = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<NodeService>().CreateAsync(
            new NodeDetails(PanelFixture.Unique("n"), location.Id, "n.example.com", "https", 4096, 0, 10000, 0, 8080, 2022), CancellationToken.None));

        using var found = await SendAsync(admin, "", $$"""{"memory":4096,"disk":"100","location_ids":[{{location.Id}}]}""");
        var text = await found.Content.ReadAsStringAsync();
        Assert.True(found.StatusCode == HttpStatusCode.OK, text);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(node.Id, Assert.Single(doc.RootElement.GetProperty("data").EnumerateArray()).GetProperty("attributes").GetProperty("id").GetInt32());

        await ApiErrorAssert.AssertAsync(await SendAsync(admin, $"?memory=1&disk=1&location_ids[]={location.Id}", """{"memory":4097}"""), 400, null, "NoViableNodeException");
        Assert.Contains(("disk", "integer"), await ApiErrorAssert.AssertValidationAsync(await SendAsync(admin, "", """{"memory":1,"disk":"lots"}""")));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string query, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/application/nodes/deployable" + query) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return await client.SendAsync(request);
    }
}

public sealed class DeployableBodySqliteTests(SqlitePanelFixture f) : DeployableBodyTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class DeployableBodyPostgresTests(PostgresPanelFixture f) : DeployableBodyTests(f), IClassFixture<PostgresPanelFixture>;
