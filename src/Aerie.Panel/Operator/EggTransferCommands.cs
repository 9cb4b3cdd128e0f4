using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Eggs.Transfer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary>
/// <c>aerie egg:import &lt;file&gt; --nest &lt;id|name&gt;</c> (any format of spec 05 §1; the same uuid in that nest is
/// updated in place) and <c>aerie egg:export &lt;id&gt; [--format json|yaml]</c> (PTDL_v2 JSON or PLCN_v3 YAML on
/// standard output). A refused file prints one line naming the key.
/// </summary>
internal static class EggTransferCommands
{
    public static Task<int> ImportAsync(PanelOptions panel, string file, string nest, TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("egg:import", panel, error, async sp =>
        {
            if (!File.Exists(file))
            {
                throw new OperatorError($"{file}: no such file");
            }
            if (new FileInfo(file).Length > EggTransferApi.MaxFileBytes)
            {
                throw new OperatorError($"{file}: {EggTransferApi.TooLargeText}");
            }
            EggTemplate template;
            try
            {
                template = EggImporter.Import(await File.ReadAllTextAsync(file), file);
            }
            catch (EggFileError e)
            {
                throw new OperatorError($"{file}: {e.Message} (key: {e.Key})");
            }
            var nestId = await NestIdAsync(sp.GetRequiredService<PanelDb>(), nest);
            var (egg, created) = await sp.GetRequiredService<EggTransfer>().ImportAsync(nestId, template, CancellationToken.None);
            await output.WriteLineAsync($"{(created ? "created" : "updated")} egg id={egg.Id} uuid={egg.Uuid} nest={nestId} name={egg.Name}");
        });

    public static Task<int> ExportAsync(PanelOptions panel, int eggId, string format, TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("egg:export", panel, error, async sp =>
        {
            if (format is not ("json" or "yaml"))
            {
                throw new OperatorError("--format must be json or yaml");
            }
            var egg = await sp.GetRequiredService<PanelDb>().Eggs.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eggId) ?? throw new OperatorError($"no egg with id {eggId}");
            var template = await sp.GetRequiredService<EggTransfer>().TemplateAsync(egg.NestId, egg.Id, CancellationToken.None);
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            await output.WriteAsync(format == "yaml" ? EggExporter.PlcnV3Yaml(template, now) : EggExporter.PtdlV2Json(template, now));
        });

    private static async Task<int> NestIdAsync(PanelDb db, string nest)
    {
        if (int.TryParse(nest, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && await db.Nests.AnyAsync(n => n.Id == id))
        {
            return id;
        }
        var byName = await db.Nests.Where(n => n.Name == nest).Select(n => n.Id).ToListAsync();
        return byName.Count switch
        {
            1 => byName[0],
            0 => throw new OperatorError($"no nest with id or name {nest}"),
            _ => throw new OperatorError($"several nests are named {nest}: give its id"),
        };
    }
}
