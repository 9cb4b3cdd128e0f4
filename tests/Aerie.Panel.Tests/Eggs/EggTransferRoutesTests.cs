using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Eggs.Transfer;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Eggs;

/// <summary>Contract tests of nest creation and egg import, export and delete (spec 04 §3.4, beyond Pterodactyl).</summary>
public abstract class EggTransferRoutesTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    private async Task<HttpClient> AdminAsync() => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));

    private async Task<HttpClient> ApplicationAsync(Dictionary<ApplicationResource, int> masks)
    {
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        var token = await Fixture.WithScopeAsync(async sp =>
        {
            var user = await sp.GetRequiredService<PanelDb>().Users.FindAsync(admin.Id);
            return (await sp.GetRequiredService<ApiKeyService>().CreateApplicationAsync(user!, "eggs", masks, null, CancellationToken.None)).Item2;
        });
        return Fixture.ApiKeyClient(token);
    }

    private static StringContent File(string text, string type) => new(text, Encoding.UTF8, type);

    private static StringContent EggFile(string name) => File(EggFixtures.Text(name), name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/yaml");

    private static async Task<int> NestAsync(HttpClient admin)
    {
        using var created = await admin.PostAsJsonAsync("/api/application/nests", new { name = PanelFixture.Unique("nest"), description = "Games" });
        return (await JsonAsync(created, HttpStatusCode.Created)).GetProperty("attributes").GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task CreateNest_201_WithResource_NameRequired()
    {
        using var admin = await AdminAsync();
        var name = PanelFixture.Unique("nest");
        using var created = await admin.PostAsJsonAsync("/api/application/nests", new { name, description = "Minecraft" });
        var body = await JsonAsync(created, HttpStatusCode.Created);
        Assert.Equal("nest", body.GetProperty("object").GetString());
        var attributes = body.GetProperty("attributes");
        var id = attributes.GetProperty("id").GetInt32();
        Assert.Equal((name, "Minecraft"), (attributes.GetProperty("name").GetString(), attributes.GetProperty("description").GetString()));
        Assert.Contains("@", attributes.GetProperty("author").GetString(), StringComparison.Ordinal); // the caller's e-mail
        Assert.True(Guid.TryParse(attributes.GetProperty("uuid").GetString(), out _));
        Assert.EndsWith($"/api/application/nests/{id}", body.GetProperty("meta").GetProperty("resource").GetString(), StringComparison.Ordinal);
        Assert.Equal(name, (await JsonAsync(await admin.GetAsync($"/api/application/nests/{id}"), HttpStatusCode.OK)).GetProperty("attributes").GetProperty("name").GetString());
        Assert.Contains(("name", "required"), await ApiErrorAssert.AssertValidationAsync(await admin.PostAsJsonAsync("/api/application/nests", new { description = "x" })));
    }

    [Fact]
    public async Task Import_EveryFixture_201_WithVariables_ExportReimportsToTheSameEgg()
    {
        using var admin = await AdminAsync();
        var nest = await NestAsync(admin);
        var other = await NestAsync(admin);
        foreach (var name in EggFixtures.Names())
        {
            using var imported = await admin.PostAsync($"/api/application/nests/{nest}/eggs/import", EggFile(name));
            var body = await JsonAsync(imported, HttpStatusCode.Created);
            Assert.Equal("egg", body.GetProperty("object").GetString());
            var egg = body.GetProperty("attributes");
            var id = egg.GetProperty("id").GetInt32();
            Assert.Equal(nest, egg.GetProperty("nest").GetInt32());
            Assert.EndsWith($"/api/application/nests/{nest}/eggs/{id}", body.GetProperty("meta").GetProperty("resource").GetString(), StringComparison.Ordinal);
            var variables = egg.GetProperty("relationships").GetProperty("variables").GetProperty("data");
            Assert.Equal(EggImporter.Import(EggFixtures.Text(name), name).Variables.Count, variables.GetArrayLength());
            Assert.Equal("egg_variable", variables[0].GetProperty("object").GetString());
            Assert.Equal(egg.GetProperty("docker_images").EnumerateObject().First().Value.GetString(), egg.GetProperty("docker_image").GetString());

            foreach (var format in new[] { "json", "yaml" })
            {
                using var exported = await admin.GetAsync($"/api/application/nests/{nest}/eggs/{id}/export" + (format == "yaml" ? "?format=yaml" : ""));
                Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
                Assert.Equal(format == "yaml" ? "application/yaml" : "application/json", exported.Content.Headers.ContentType?.MediaType);
                Assert.Contains($".{format}\"", exported.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
                var text = await exported.Content.ReadAsStringAsync();
                // Into another nest: a new egg there with the same uuid and the same template.
                using var again = await admin.PostAsync($"/api/application/nests/{other}/eggs/import", File(text, "text/plain"));
                var copy = (await JsonAsync(again, format == "json" ? HttpStatusCode.Created : HttpStatusCode.OK)).GetProperty("attributes");
                Assert.Equal(egg.GetProperty("uuid").GetString(), copy.GetProperty("uuid").GetString());
                foreach (var key in new[] { "name", "author", "description", "docker_images", "config", "startup", "script" })
                {
                    Assert.Equal(egg.GetProperty(key).GetRawText(), copy.GetProperty(key).GetRawText());
                }
                Assert.Equal(Variables(variables), Variables(copy.GetProperty("relationships").GetProperty("variables").GetProperty("data")));
            }
        }
    }

    [Fact]
    public async Task Reimport_SameUuid_UpdatesInPlace_200_VariablesMatchedByEnvVariable()
    {
        using var admin = await AdminAsync();
        var nest = await NestAsync(admin);
        var original = EggFixtures.Text("plcn3-paper.yaml");
        var first = (await JsonAsync(await admin.PostAsync($"/api/application/nests/{nest}/eggs/import", File(original, "application/yaml")), HttpStatusCode.Created)).GetProperty("attributes");
        var id = first.GetProperty("id").GetInt32();
        var jarId = first.GetProperty("relationships").GetProperty("variables").GetProperty("data").EnumerateArray()
            .Single(v => v.GetProperty("attributes").GetProperty("env_variable").GetString() == "SERVER_JARFILE").GetProperty("attributes").GetProperty("id").GetInt32();

        // The same egg with another description and without its DL_PATH variable.
        var changed = original.Replace("description: 'High performance", "description: 'Changed. High performance", StringComparison.Ordinal);
        var dl = changed.IndexOf("  -\n    name: 'Download Path'", StringComparison.Ordinal);
        var next = changed.IndexOf("  -\n    name: 'Minecraft Version'", StringComparison.Ordinal);
        changed = changed.Remove(dl, next - dl);
        using var updated = await admin.PostAsync($"/api/application/nests/{nest}/eggs/import", File(changed, "application/yaml"));
        var body = (await JsonAsync(updated, HttpStatusCode.OK)).GetProperty("attributes");
        Assert.Equal(id, body.GetProperty("id").GetInt32());
        Assert.StartsWith("Changed.", body.GetProperty("description").GetString(), StringComparison.Ordinal);
        var vars = body.GetProperty("relationships").GetProperty("variables").GetProperty("data").EnumerateArray().Select(v => v.GetProperty("attributes")).ToList();
        Assert.DoesNotContain(vars, v => v.GetProperty("env_variable").GetString() == "DL_PATH");
        Assert.Equal(jarId, vars.Single(v => v.GetProperty("env_variable").GetString() == "SERVER_JARFILE").GetProperty("id").GetInt32());
        Assert.Single((await JsonAsync(await admin.GetAsync($"/api/application/nests/{nest}/eggs"), HttpStatusCode.OK)).GetProperty("data").EnumerateArray());

        // A PTDL file has no uuid: each import is a new egg.
        await JsonAsync(await admin.PostAsync($"/api/application/nests/{nest}/eggs/import", EggFile("ptdl2-mumble.json")), HttpStatusCode.Created);
        await JsonAsync(await admin.PostAsync($"/api/application/nests/{nest}/eggs/import", EggFile("ptdl2-mumble.json")), HttpStatusCode.Created);
        Assert.Equal(3, (await JsonAsync(await admin.GetAsync($"/api/application/nests/{nest}/eggs"), HttpStatusCode.OK)).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Import_Refusals_422NamingTheKey_413Oversize_404UnknownNest()
    {
        using var admin = await AdminAsync();
        var nest = await NestAsync(admin);
        var path = $"/api/application/nests/{nest}/eggs/import";
        var malformed = await ApiErrorAssert.AssertAsync(await admin.PostAsync(path, File("""{"meta": {"version": "PTDL_v2"}, "name": """, "application/json")), 422, null, "ValidationException");
        Assert.StartsWith("The file is not valid JSON: ", malformed[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("file", malformed[0].GetProperty("meta").GetProperty("source_field").GetString());
        Assert.Equal([("meta.version", "in")], await ApiErrorAssert.AssertValidationAsync(await admin.PostAsync(path, File("""{"meta":{"version":"PTDL_v3"},"name":"x"}""", "application/json"))));
        await ApiErrorAssert.AssertAsync(await admin.PostAsync(path, File("meta:\n  version: PLCN_v4\n", "application/yaml")), 422, EggFileError.UnrecognizedText);
        var noName = EggFixtures.Text("ptdl2-mumble.json").Replace("\"name\": \"Mumble Server\",", "", StringComparison.Ordinal);
        Assert.NotEqual(EggFixtures.Text("ptdl2-mumble.json"), noName);
        var missing = await ApiErrorAssert.AssertAsync(await admin.PostAsync(path, File(noName, "application/json")), 422, "The name field is required.", "ValidationException");
        Assert.Equal(("name", "required"), (missing[0].GetProperty("meta").GetProperty("source_field").GetString(), missing[0].GetProperty("meta").GetProperty("rule").GetString()));
        Assert.Equal([("file", "required")], await ApiErrorAssert.AssertValidationAsync(await admin.PostAsync(path, File("", "application/json"))));

        var big = EggFixtures.Text("ptdl2-mumble.json").Replace("\"description\": \"", "\"description\": \"" + new string('x', EggTransferApi.MaxFileBytes), StringComparison.Ordinal);
        await ApiErrorAssert.AssertAsync(await admin.PostAsync(path, File(big, "application/json")), 413, EggTransferApi.TooLargeText, "PayloadTooLargeHttpException");
        // Above the panel's default body limit (64 KiB) but within the import's: accepted.
        var large = EggFixtures.Text("ptdl2-mumble.json").Replace("\"description\": \"", "\"description\": \"" + new string('x', 200 * 1024), StringComparison.Ordinal);
        await JsonAsync(await admin.PostAsync(path, File(large, "application/json")), HttpStatusCode.Created);

        await ApiErrorAssert.AssertAsync(await admin.PostAsync("/api/application/nests/999999/eggs/import", EggFile("ptdl2-mumble.json")), 404, null);
        Assert.Equal([("format", "in")], await ApiErrorAssert.AssertValidationAsync(await admin.GetAsync($"/api/application/nests/{nest}/eggs/1/export?format=xml")));
        await ApiErrorAssert.AssertAsync(await admin.GetAsync($"/api/application/nests/{nest}/eggs/999999/export"), 404, null);
    }

    [Fact]
    public async Task Delete_204_Then404_409WhileAServerUsesIt()
    {
        using var admin = await AdminAsync();
        var nest = await NestAsync(admin);
        var path = $"/api/application/nests/{nest}/eggs";
        var unused = (await JsonAsync(await admin.PostAsync($"{path}/import", EggFile("ptdl2-mumble.json")), HttpStatusCode.Created)).GetProperty("attributes").GetProperty("id").GetInt32();
        var used = (await JsonAsync(await admin.PostAsync($"{path}/import", EggFile("ptdl2-paper.json")), HttpStatusCode.Created)).GetProperty("attributes").GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{path}/{unused}")).StatusCode);
        await ApiErrorAssert.AssertAsync(await admin.GetAsync($"{path}/{unused}"), 404, null);
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"{path}/{unused}"), 404, null);

        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, onNode: false);
        await Fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            return await db.Servers.Where(s => s.Id == server.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.EggId, used));
        });
        await ApiErrorAssert.AssertAsync(await admin.DeleteAsync($"{path}/{used}"), 409, EggTransfer.InUseText, "ConflictHttpException");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{path}/{used}")).StatusCode);
    }

    [Fact]
    public async Task ApplicationKeyMasks_ReadExports_WriteImportsAndDeletes_NestsWriteCreates()
    {
        using var admin = await AdminAsync();
        var nest = await NestAsync(admin);
        var egg = (await JsonAsync(await admin.PostAsync($"/api/application/nests/{nest}/eggs/import", EggFile("ptdl2-mumble.json")), HttpStatusCode.Created)).GetProperty("attributes").GetProperty("id").GetInt32();

        using var reader = await ApplicationAsync(new() { [ApplicationResource.Eggs] = ApplicationMasks.Read, [ApplicationResource.Nests] = ApplicationMasks.Read });
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/application/nests/{nest}/eggs/{egg}/export")).StatusCode);
        await ApiErrorAssert.AssertAsync(await reader.PostAsync($"/api/application/nests/{nest}/eggs/import", EggFile("ptdl2-mumble.json")), 403, "This action is unauthorized.", "AccessDeniedHttpException");
        await ApiErrorAssert.AssertAsync(await reader.DeleteAsync($"/api/application/nests/{nest}/eggs/{egg}"), 403, "This action is unauthorized.");
        await ApiErrorAssert.AssertAsync(await reader.PostAsJsonAsync("/api/application/nests", new { name = "n" }), 403, "This action is unauthorized.");

        using var none = await ApplicationAsync(new() { [ApplicationResource.Nests] = ApplicationMasks.ReadWrite });
        await ApiErrorAssert.AssertAsync(await none.GetAsync($"/api/application/nests/{nest}/eggs/{egg}/export"), 403, "This action is unauthorized.");
        await JsonAsync(await none.PostAsJsonAsync("/api/application/nests", new { name = PanelFixture.Unique("n") }), HttpStatusCode.Created);

        using var writer = await ApplicationAsync(new() { [ApplicationResource.Eggs] = ApplicationMasks.ReadWrite });
        await JsonAsync(await writer.PostAsync($"/api/application/nests/{nest}/eggs/import", EggFile("ptdl2-mumble.json")), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/application/nests/{nest}/eggs/{egg}")).StatusCode);
        await ApiErrorAssert.AssertAsync(await writer.PostAsJsonAsync("/api/application/nests", new { name = "n" }), 403, "This action is unauthorized.");

        using var user = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync()).User));
        await ApiErrorAssert.AssertAsync(await user.PostAsync($"/api/application/nests/{nest}/eggs/import", EggFile("ptdl2-mumble.json")), 403, null);
    }

    private static List<string> Variables(JsonElement data) =>
        [.. data.EnumerateArray().Select(v => v.GetProperty("attributes")).Select(a =>
            string.Join("\u0001", new[] { "name", "description", "env_variable", "default_value", "user_viewable", "user_editable", "rules" }.Select(k => a.GetProperty(k).GetRawText())))];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}

public sealed class EggTransferRoutesSqliteTests(SqlitePanelFixture f) : EggTransferRoutesTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class EggTransferRoutesPostgresTests(PostgresPanelFixture f) : EggTransferRoutesTests(f), IClassFixture<PostgresPanelFixture>;
