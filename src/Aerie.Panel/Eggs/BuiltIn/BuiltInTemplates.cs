using System.Text.Json.Nodes;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs.Transfer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Eggs.BuiltIn;

/// <summary>
/// The templates Aerie ships (the repository's <c>templates/</c> folder, embedded in this assembly), kept in the
/// nest "Aerie" at every panel start through the ordinary importer: a file whose egg is missing is imported, one
/// whose egg differs is re-imported in place (same uuid, same id, servers keep their values), an unchanged one is
/// left alone. The nest and the eggs are found by uuid, so renaming either in the UI never makes a second copy.
/// </summary>
internal static class BuiltInTemplates
{
    public static readonly Guid NestUuid = Guid.Parse("1933e178-e9e8-49a6-9d62-a0f273156d0a");
    public const string NestName = "Aerie";

    /// <summary>templates/aerie-demo-game.yaml: what <c>aerie up</c>'s demo server is made from.</summary>
    public static readonly Guid DemoGameUuid = Guid.Parse("eb911998-60c3-4be6-acd3-d1bc197e18f9");

    /// <summary>templates/minetest.yaml: Minetest from Debian's packages on the process runtime.</summary>
    public static readonly Guid MinetestUuid = Guid.Parse("8c89a6ae-5fa1-4544-9428-c841aadc3622");

    private const string ResourcePrefix = "Aerie.Templates.";

    /// <summary>File name → text of every shipped template, in name order.</summary>
    public static IReadOnlyList<(string Name, string Text)> Files()
    {
        var assembly = typeof(BuiltInTemplates).Assembly;
        var files = new List<(string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            files.Add((resource[ResourcePrefix.Length..], reader.ReadToEnd()));
        }
        return files;
    }

    /// <summary>The shipped template with that uuid, as the importer reads it.</summary>
    public static EggTemplate Template(Guid uuid) =>
        Files().Select(f => EggImporter.Import(f.Text, f.Name)).FirstOrDefault(t => t.Egg.Uuid == uuid)
        ?? throw new InvalidOperationException($"no built-in template {uuid} in {typeof(BuiltInTemplates).Assembly.GetName().Name}");

    /// <param name="files">the templates to keep (default: the shipped ones); tests pass changed copies</param>
    /// <returns>the nest's id</returns>
    public static async Task<int> SeedAsync(IServiceProvider services, IReadOnlyList<(string Name, string Text)>? files = null, CancellationToken ct = default)
    {
        files ??= Files();
        try
        {
            return await SeedOnceAsync(services, files, ct);
        }
        catch (DbUpdateException)
        {
            // Another panel on the same database seeded at the same moment (a unique uuid index refused our copy):
            // its rows are there now, so a second pass only compares.
            return await SeedOnceAsync(services, files, ct);
        }
    }

    private static async Task<int> SeedOnceAsync(IServiceProvider services, IReadOnlyList<(string Name, string Text)> files, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PanelDb>();
        var transfer = sp.GetRequiredService<EggTransfer>();
        var nest = await db.Nests.FirstOrDefaultAsync(n => n.Uuid == NestUuid, ct);
        if (nest is null)
        {
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            nest = new Nest
            {
                Uuid = NestUuid,
                Name = NestName,
                Description = "Templates shipped with Aerie (docs/templates.md). Changes are reset at the next panel start: export one and import it into another nest to make your own.",
                Author = "aerie@localhost",
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Nests.Add(nest);
            await db.SaveChangesAsync(ct);
        }
        foreach (var (name, text) in files)
        {
            var template = EggImporter.Import(text, name);
            var stored = await db.Eggs.AsNoTracking().FirstOrDefaultAsync(e => e.NestId == nest.Id && e.Uuid == template.Egg.Uuid, ct);
            if (stored is not null && Same(await transfer.TemplateAsync(nest.Id, stored.Id, ct), template))
            {
                continue;
            }
            await transfer.ImportAsync(nest.Id, template, ct);
        }
        return nest.Id;
    }

    /// <summary>Variables are compared by name, not order: a re-import keeps old rows' ids, so the stored order
    /// (by id) may differ from the file's.</summary>
    private static bool Same(EggTemplate stored, EggTemplate shipped) =>
        JsonNode.DeepEquals(ByName(stored).Canonical(), ByName(shipped).Canonical());

    private static EggTemplate ByName(EggTemplate t) => t with { Variables = [.. t.Variables.OrderBy(v => v.EnvVariable, StringComparer.Ordinal)] };
}
