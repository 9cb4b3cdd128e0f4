using Aerie.Panel.Eggs;
using Aerie.Panel.Eggs.Transfer;
using Aerie.Panel.Tests.Eggs;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Commands;

/// <summary><c>aerie egg:import</c> and <c>egg:export</c> over a real database: import by nest id or name, update in place,
/// export in both formats re-imports to the same template, a refused file is one line naming the key (exit 2).</summary>
public abstract class EggCommandTests(bool postgres) : IAsyncLifetime
{
    private TestDatabase database = null!;
    private string folder = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(postgres);
        folder = Directory.CreateTempSubdirectory("aerie-egg-cli-").FullName;
    }

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private string[] Db(params string[] args) =>
        database.ConnectionString is { } pg ? [.. args, "--data", database.DataFolder, "--database", pg] : [.. args, "--data", database.DataFolder];

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AerieCli.RunAsync(args, output, error, new Dictionary<string, string>());
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Import_ByNestIdOrName_UpdatesInPlace_Export_Reimports_RefusalsNameTheKey()
    {
        // The nest is made through the panel's service (the CLI has no nest command); the runner migrates first.
        Assert.Equal(2, (await RunAsync(["egg:import", EggFixtures.FullPath("plcn3-paper.yaml"), .. Db("--nest", "Minecraft")])).Code);
        var nest = await WithCatalogAsync(c => c.CreateNestAsync("Minecraft", null, "cli@example.test", CancellationToken.None));

        var first = await RunAsync(["egg:import", EggFixtures.FullPath("plcn3-paper.yaml"), .. Db("--nest", "Minecraft")]);
        Assert.True(first.Code == 0, first.Err);
        var id = System.Text.RegularExpressions.Regex.Match(first.Out, @"^created egg id=(\d+) uuid=5da37ef6-58da-4169-90a6-e683e1721247 ").Groups[1].Value;
        Assert.NotEmpty(id);
        var again = await RunAsync(["egg:import", EggFixtures.FullPath("plcn3-paper.yaml"), .. Db("--nest", nest.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.StartsWith($"updated egg id={id} ", again.Out, StringComparison.Ordinal);

        var original = EggImporter.Import(EggFixtures.Text("plcn3-paper.yaml"), "plcn3-paper.yaml").Canonical().ToJsonString();
        foreach (var format in new[] { "json", "yaml" })
        {
            var exported = await RunAsync(["egg:export", id, .. Db("--format", format)]);
            Assert.True(exported.Code == 0, exported.Err);
            Assert.Equal(original, EggImporter.Import(exported.Out, "egg." + format).Canonical().ToJsonString());
        }
        Assert.StartsWith("{", (await RunAsync(["egg:export", id, .. Db()])).Out, StringComparison.Ordinal); // JSON by default

        var bad = Path.Combine(folder, "bad.json");
        await File.WriteAllTextAsync(bad, """{"meta":{"version":"PTDL_v2"},"name":"x","startup":"s"}""");
        var refused = await RunAsync(["egg:import", bad, .. Db("--nest", "Minecraft")]);
        Assert.Equal(2, refused.Code);
        Assert.Equal($"aerie egg:import: {bad}: The docker_images field is required. (key: docker_images)\n", refused.Err);
        var unknown = await RunAsync(["egg:import", EggFixtures.FullPath("ptdl2-mumble.json"), .. Db("--nest", "Nope")]);
        Assert.Equal((2, "aerie egg:import: no nest with id or name Nope\n"), (unknown.Code, unknown.Err));
        Assert.Equal(2, (await RunAsync(["egg:export", "999999", .. Db()])).Code);
    }

    private async Task<T> WithCatalogAsync<T>(Func<EggCatalog, Task<T>> work)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPanelCore(database.Options());
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<EggCatalog>());
    }
}

public sealed class EggCommandSqliteTests() : EggCommandTests(postgres: false);

public sealed class EggCommandPostgresTests() : EggCommandTests(postgres: true);
