using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Eggs.Transfer;

/// <summary>
/// Import, export and delete of eggs, shared by the Application API, the admin UI and the <c>aerie</c> CLI.
/// An import whose uuid is already an egg of that nest updates it in place: its fields are replaced, its variables
/// are matched by <c>env_variable</c> (kept rows keep their id, so servers keep their values), and variables the
/// file no longer has are deleted.
/// </summary>
internal sealed class EggTransfer(Data.PanelDb db, EggCatalog catalog, TimeProvider time)
{
    public const string InUseText = "This egg cannot be deleted while servers use it.";

    /// <returns>the stored egg and whether it is new (false = updated in place)</returns>
    public async Task<(Egg Egg, bool Created)> ImportAsync(int nestId, EggTemplate template, CancellationToken ct)
    {
        await catalog.FindNestAsync(nestId, ct);
        var incoming = template.Egg;
        var existing = await db.Eggs.FirstOrDefaultAsync(e => e.NestId == nestId && e.Uuid == incoming.Uuid, ct);
        if (existing is null)
        {
            var created = await catalog.CreateEggAsync(nestId, incoming, template.Variables, ct);
            return (await catalog.FindEggAsync(nestId, created.Id, ct), true);
        }
        var now = time.GetUtcNow();
        Copy(incoming, existing);
        existing.UpdatedAt = now;
        var stored = await db.EggVariables.Where(v => v.EggId == existing.Id).ToListAsync(ct);
        var byName = stored.ToDictionary(v => v.EnvVariable, StringComparer.Ordinal);
        foreach (var v in template.Variables)
        {
            if (byName.Remove(v.EnvVariable, out var row))
            {
                (row.Name, row.Description, row.DefaultValue, row.UserViewable, row.UserEditable, row.Rules, row.Sort) =
                    (v.Name, v.Description, v.DefaultValue, v.UserViewable, v.UserEditable, v.Rules, v.Sort);
                row.UpdatedAt = now;
            }
            else
            {
                v.EggId = existing.Id;
                v.CreatedAt = v.UpdatedAt = now;
                db.EggVariables.Add(v);
            }
        }
        db.EggVariables.RemoveRange(byName.Values);
        await db.SaveChangesAsync(ct);
        return (await catalog.FindEggAsync(nestId, existing.Id, ct), false);
    }

    /// <summary>The egg as a template, inheritance flattened (an egg's <c>config_from</c>/<c>copy_script_from</c>
    /// parent supplies what the egg leaves empty).</summary>
    public async Task<EggTemplate> TemplateAsync(int nestId, int eggId, CancellationToken ct)
    {
        var egg = await catalog.FindEggAsync(nestId, eggId, ct);
        var flat = Clone(egg);
        var configParent = egg.ConfigFromId is { } configFrom ? await db.Eggs.AsNoTracking().FirstOrDefaultAsync(e => e.Id == configFrom, ct) : null;
        var scriptParent = egg.CopyScriptFromId is { } scriptFrom ? await db.Eggs.AsNoTracking().FirstOrDefaultAsync(e => e.Id == scriptFrom, ct) : null;
        EggInheritance.Apply(flat, configParent, scriptParent);
        return new EggTemplate(flat, await catalog.VariablesAsync(eggId, ct));
    }

    /// <exception cref="PanelProblem">404 unknown; 409 when servers still use the egg</exception>
    public async Task DeleteAsync(int nestId, int eggId, CancellationToken ct)
    {
        var egg = await catalog.FindEggAsync(nestId, eggId, ct);
        if (await db.Servers.AnyAsync(s => s.EggId == eggId, ct))
        {
            throw PanelProblem.Conflict(InUseText);
        }
        db.Eggs.Remove(egg);
        await db.SaveChangesAsync(ct);
    }

    private static Egg Clone(Egg e)
    {
        var copy = new Egg { Name = e.Name };
        Copy(e, copy);
        (copy.Id, copy.NestId, copy.CreatedAt, copy.UpdatedAt) = (e.Id, e.NestId, e.CreatedAt, e.UpdatedAt);
        return copy;
    }

    /// <summary>Every field a file describes (not the id, nest, inheritance links or times).</summary>
    private static void Copy(Egg from, Egg to)
    {
        to.Uuid = from.Uuid;
        to.Name = from.Name;
        to.Author = from.Author;
        to.Description = from.Description;
        to.DockerImagesJson = from.DockerImagesJson;
        to.Startup = from.Startup;
        to.StartupCommandsJson = from.StartupCommandsJson;
        to.UpdateUrl = from.UpdateUrl;
        to.TagsJson = from.TagsJson;
        to.Icon = from.Icon;
        to.ConfigFilesJson = from.ConfigFilesJson;
        to.ConfigStartupJson = from.ConfigStartupJson;
        to.ConfigStop = from.ConfigStop;
        to.ConfigLogsJson = from.ConfigLogsJson;
        to.FileDenylistJson = from.FileDenylistJson;
        to.ScriptPrivileged = from.ScriptPrivileged;
        to.ScriptInstall = from.ScriptInstall;
        to.ScriptEntry = from.ScriptEntry;
        to.ScriptContainer = from.ScriptContainer;
        to.FeaturesJson = from.FeaturesJson;
    }
}
