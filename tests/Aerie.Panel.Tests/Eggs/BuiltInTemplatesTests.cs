using Aerie.Panel.Data;
using Aerie.Panel.Eggs.BuiltIn;
using Aerie.Panel.Eggs.Transfer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Eggs;

/// <summary>The templates Aerie ships (templates/), kept by every panel start in the nest "Aerie".</summary>
public abstract class BuiltInTemplatesTests : IAsyncLifetime
{
    private TestDatabase? database;

    protected abstract bool Postgres { get; }

    private TestDatabase Database => database ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(Postgres);

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    private sealed record Seeded(int NestId, string NestName, Dictionary<Guid, (int Id, DateTimeOffset UpdatedAt, string Description)> Eggs, List<(int Id, string Name)> Variables);

    private static async Task<Seeded> ReadAsync(TestPanel panel)
    {
        await using var scope = panel.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        var nest = await db.Nests.AsNoTracking().SingleAsync(n => n.Uuid == BuiltInTemplates.NestUuid);
        var eggs = await db.Eggs.AsNoTracking().Where(e => e.NestId == nest.Id).ToListAsync();
        var ids = eggs.Select(e => e.Id).ToList();
        var variables = await db.EggVariables.AsNoTracking().Where(v => ids.Contains(v.EggId)).OrderBy(v => v.Id).Select(v => new { v.Id, v.EnvVariable }).ToListAsync();
        return new Seeded(nest.Id, nest.Name, eggs.ToDictionary(e => e.Uuid, e => (e.Id, e.UpdatedAt, e.Description)), [.. variables.Select(v => (v.Id, v.EnvVariable))]);
    }

    [Fact]
    public async Task TwoStarts_OneNestSameEggsUntouched()
    {
        Seeded first;
        await using (var panel = await TestPanel.StartAsync(Database.Options()))
        {
            first = await ReadAsync(panel);
        }
        await using var again = await TestPanel.StartAsync(Database.Options());
        var second = await ReadAsync(again);

        Assert.Equal(BuiltInTemplates.NestName, first.NestName);
        Assert.Equal(new HashSet<Guid> { BuiltInTemplates.DemoGameUuid, BuiltInTemplates.MinetestUuid }, first.Eggs.Keys.ToHashSet());
        Assert.Equal(first.NestId, second.NestId);
        // An unchanged file leaves its egg alone: same ids, not even re-written.
        Assert.Equal(first.Eggs, second.Eggs);
        Assert.Equal(first.Variables, second.Variables);
        await using var scope = again.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        Assert.Equal(1, await db.Nests.CountAsync(n => n.Name == BuiltInTemplates.NestName));
        Assert.Contains("MINETEST_GAME", first.Variables.Select(v => v.Name));
    }

    [Fact]
    public async Task ChangedFile_EggUpdatedInPlace_ThenBackToTheShippedOne()
    {
        await using var panel = await TestPanel.StartAsync(Database.Options());
        var before = await ReadAsync(panel);
        var shipped = BuiltInTemplates.Files();
        List<(string Name, string Text)> changed = [.. shipped.Select(f => f.Name != "minetest.yaml" ? f : (Name: f.Name, Text: f.Text
            .Replace("default_value: '15'", "default_value: '32'", StringComparison.Ordinal)
            .Replace("description: >-\n  A Minetest server", "description: >-\n  A newer Minetest server", StringComparison.Ordinal)
            .Replace("variables:\n", """
                variables:
                  - name: Creative
                    description: 'Creative mode.'
                    env_variable: MT_CREATIVE
                    default_value: 'false'
                    user_viewable: true
                    user_editable: true
                    rules: [required, boolean]
                    sort: 5

                """, StringComparison.Ordinal)))];
        Assert.NotEqual(shipped.Single(f => f.Name == "minetest.yaml").Text, changed.Single(f => f.Name == "minetest.yaml").Text);

        Assert.Equal(before.NestId, await BuiltInTemplates.SeedAsync(panel.Services, changed));
        var updated = await ReadAsync(panel);
        var minetest = updated.Eggs[BuiltInTemplates.MinetestUuid];
        Assert.Equal(before.Eggs[BuiltInTemplates.MinetestUuid].Id, minetest.Id);
        Assert.StartsWith("A newer Minetest server", minetest.Description, StringComparison.Ordinal);
        Assert.Equal(before.Eggs[BuiltInTemplates.DemoGameUuid], updated.Eggs[BuiltInTemplates.DemoGameUuid]); // unchanged file, untouched
        // Variables kept their rows (servers keep their values); the new one is added.
        Assert.Superset(before.Variables.ToHashSet(), updated.Variables.ToHashSet());
        Assert.Contains(updated.Variables, v => v.Name == "MT_CREATIVE");
        await using (var scope = panel.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
            Assert.Equal("32", (await db.EggVariables.SingleAsync(v => v.EggId == minetest.Id && v.EnvVariable == "MAX_PLAYERS")).DefaultValue);
        }

        await BuiltInTemplates.SeedAsync(panel.Services);
        var restored = await ReadAsync(panel);
        Assert.Equal(minetest.Id, restored.Eggs[BuiltInTemplates.MinetestUuid].Id);
        Assert.Equal(before.Variables, restored.Variables);
        Assert.Equal(before.Eggs[BuiltInTemplates.MinetestUuid].Description, restored.Eggs[BuiltInTemplates.MinetestUuid].Description);
    }
}

public sealed class SqliteBuiltInTemplatesTests : BuiltInTemplatesTests
{
    protected override bool Postgres => false;
}

public sealed class PostgresBuiltInTemplatesTests : BuiltInTemplatesTests
{
    protected override bool Postgres => true;
}

/// <summary>The shipped files themselves: found in the assembly, valid eggs, and stable through export.</summary>
public sealed class BuiltInTemplateFilesTests
{
    [Fact]
    public void ShippedTemplates_ImportAndExportThenReimport_GiveTheSameTemplate()
    {
        var files = BuiltInTemplates.Files();
        Assert.Equal(["aerie-demo-game.yaml", "minetest.yaml"], files.Select(f => f.Name).ToList());
        foreach (var (name, text) in files)
        {
            var template = EggImporter.Import(text, name);
            foreach (var file in new[] { EggExporter.PlcnV3Yaml(template, DateTimeOffset.UnixEpoch), EggExporter.PtdlV2Json(template, DateTimeOffset.UnixEpoch) })
            {
                Assert.Equal(template.Canonical().ToJsonString(), EggImporter.Import(file).Canonical().ToJsonString());
            }
            Assert.StartsWith("~aerie/", template.Egg.DockerImagesJson.Split('"')[3], StringComparison.Ordinal);
        }
        var minetest = BuiltInTemplates.Template(BuiltInTemplates.MinetestUuid);
        Assert.Equal("~aerie/debian:minetest", minetest.Egg.DockerImagesJson.Split('"')[3]);
        Assert.Contains("--port {{SERVER_PORT}}", minetest.Egg.Startup, StringComparison.Ordinal);
    }
}
