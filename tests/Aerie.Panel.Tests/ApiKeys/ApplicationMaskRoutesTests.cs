using System.Net;
using System.Net.Http.Json;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.ApiKeys;

/// <summary>
/// Attacks on the r_* masks of every Application route group (spec 04 §1.2): a read-only key tries to write,
/// a key without the flag tries to read, a key with every other flag tries this one.
/// </summary>
public abstract class ApplicationMaskRoutesTests(PanelFixture fixture)
{
    private const string Unauthorized = "This action is unauthorized.";

    protected PanelFixture Fixture { get; } = fixture;

    /// <summary>Each resource with a read route and, where one exists yet, a write route (POST, body <c>{}</c>).</summary>
    public static TheoryData<string> Resources => new() { nameof(ApplicationResource.Locations), nameof(ApplicationResource.Nodes), nameof(ApplicationResource.Allocations), nameof(ApplicationResource.Users), nameof(ApplicationResource.Nests), nameof(ApplicationResource.Eggs) };

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task ReadOnlyKey_Reads_IsRefusedEveryWrite(string name)
    {
        var resource = Enum.Parse<ApplicationResource>(name);
        var (read, write) = await RoutesAsync(resource);
        using var key = await KeyAsync(new() { [resource] = ApplicationMasks.Read });
        using (var answer = await key.GetAsync(read))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
        foreach (var path in write)
        {
            await ApiErrorAssert.AssertAsync(await key.PostAsJsonAsync(path, new { }), 403, Unauthorized, "AccessDeniedHttpException");
            await ApiErrorAssert.AssertAsync(await key.DeleteAsync(path + "/1"), 403, Unauthorized);
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task KeyWithoutTheFlag_IsRefusedReads_EvenWithEveryOtherFlag(string name)
    {
        var resource = Enum.Parse<ApplicationResource>(name);
        var (read, write) = await RoutesAsync(resource);
        var others = Enum.GetValues<ApplicationResource>().Where(r => r != resource).ToDictionary(r => r, _ => ApplicationMasks.ReadWrite);
        using var key = await KeyAsync(others);
        await ApiErrorAssert.AssertAsync(await key.GetAsync(read), 403, Unauthorized, "AccessDeniedHttpException");
        foreach (var path in write)
        {
            await ApiErrorAssert.AssertAsync(await key.PostAsJsonAsync(path, new { }), 403, Unauthorized);
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task WriteOnlyKey_IsRefusedReads_WritesReachValidation(string name)
    {
        var resource = Enum.Parse<ApplicationResource>(name);
        var (read, write) = await RoutesAsync(resource);
        using var key = await KeyAsync(new() { [resource] = ApplicationMasks.Write });
        await ApiErrorAssert.AssertAsync(await key.GetAsync(read), 403, Unauthorized);
        foreach (var path in write)
        {
            // Past the mask: the empty body now fails the route's own validation.
            await ApiErrorAssert.AssertAsync(await key.PostAsJsonAsync(path, new { }), 422, null, "ValidationException");
        }
    }

    [Fact]
    public async Task DeployableNodes_NeedsTheNodesReadFlag()
    {
        using var without = await KeyAsync(new() { [ApplicationResource.Allocations] = ApplicationMasks.ReadWrite });
        await ApiErrorAssert.AssertAsync(await without.GetAsync("/api/application/nodes/deployable?memory=1&disk=1"), 403, Unauthorized);
        using var with = await KeyAsync(new() { [ApplicationResource.Nodes] = ApplicationMasks.Read });
        using var answer = await with.GetAsync("/api/application/nodes/deployable?memory=1&disk=1");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    private async Task<(string Read, string[] Write)> RoutesAsync(ApplicationResource resource)
    {
        var node = Fixture.PanelNode.Id;
        return resource switch
        {
            ApplicationResource.Locations => ("/api/application/locations", ["/api/application/locations"]),
            ApplicationResource.Nodes => ("/api/application/nodes", ["/api/application/nodes"]),
            ApplicationResource.Allocations => ($"/api/application/nodes/{node}/allocations", [$"/api/application/nodes/{node}/allocations"]),
            ApplicationResource.Users => ("/api/application/users", ["/api/application/users"]),
            ApplicationResource.Nests => ("/api/application/nests", []),
            ApplicationResource.Eggs => ($"/api/application/nests/{await NestAsync()}/eggs", []),
            _ => throw new ArgumentOutOfRangeException(nameof(resource)),
        };
    }

    private Task<int> NestAsync() => Fixture.WithScopeAsync(async sp =>
        (await sp.GetRequiredService<EggCatalog>().CreateNestAsync(PanelFixture.Unique("nest"), null, "a@example.test", CancellationToken.None)).Id);

    private async Task<HttpClient> KeyAsync(Dictionary<ApplicationResource, int> masks)
    {
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        var token = await Fixture.WithScopeAsync(async sp =>
        {
            var user = await sp.GetRequiredService<PanelDb>().Users.FindAsync(admin.Id);
            var (_, t) = await sp.GetRequiredService<ApiKeyService>().CreateApplicationAsync(user!, "masks", masks, null, CancellationToken.None);
            return t;
        });
        return Fixture.ApiKeyClient(token);
    }
}

public sealed class ApplicationMaskRoutesSqliteTests(SqlitePanelFixture f) : ApplicationMaskRoutesTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ApplicationMaskRoutesPostgresTests(PostgresPanelFixture f) : ApplicationMaskRoutesTests(f), IClassFixture<PostgresPanelFixture>;
