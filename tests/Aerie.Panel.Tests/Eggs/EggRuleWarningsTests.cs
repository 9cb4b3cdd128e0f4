using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.Eggs;

/// <summary>An egg whose variable names a rule outside spec 05 §5.2 imports with a warning (and its values are refused).</summary>
public abstract class EggRuleWarningsTests(PanelFixture fixture)
{
    private const string Egg = """
        {
          "meta": {"version": "PTDL_v2"},
          "name": "Warning egg",
          "author": "tests@aerie.test",
          "docker_images": {"Alpine": "alpine:3.20"},
          "startup": "./game {{MODE}} {{LEVEL}}",
          "config": {"files": "{}", "startup": "{\"done\": \"Done\"}", "logs": "{}", "stop": "stop"},
          "scripts": {"installation": {"script": "true", "container": "alpine:3.20", "entrypoint": "ash"}},
          "variables": [
            {"name": "Mode", "env_variable": "MODE", "default_value": "a", "user_viewable": true, "user_editable": true, "rules": "required|sometimes|string|"},
            {"name": "Level", "env_variable": "LEVEL", "default_value": "1", "user_viewable": true, "user_editable": true, "rules": "required|integer"}
          ]
        }
        """;

    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task Import_UnsupportedRule_Warns_KnownRulesDoNot()
    {
        using var admin = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync((await Fixture.CreateUserAsync(admin: true)).User));
        using var nest = await admin.PostAsJsonAsync("/api/application/nests", new { name = PanelFixture.Unique("nest") });
        var nestId = JsonDocument.Parse(await nest.Content.ReadAsStringAsync()).RootElement.GetProperty("attributes").GetProperty("id").GetInt32();

        using var imported = await admin.PostAsync($"/api/application/nests/{nestId}/eggs/import", new StringContent(Egg, Encoding.UTF8, "application/json"));
        var text = await imported.Content.ReadAsStringAsync();
        Assert.True(imported.StatusCode == HttpStatusCode.Created, text);
        var warnings = JsonDocument.Parse(text).RootElement.GetProperty("meta").GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("variables.MODE.rules", warning, StringComparison.Ordinal);
        Assert.Contains("unsupported rule sometimes", warning, StringComparison.Ordinal);
    }
}

public sealed class EggRuleWarningsSqliteTests(SqlitePanelFixture f) : EggRuleWarningsTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class EggRuleWarningsPostgresTests(PostgresPanelFixture f) : EggRuleWarningsTests(f), IClassFixture<PostgresPanelFixture>;
