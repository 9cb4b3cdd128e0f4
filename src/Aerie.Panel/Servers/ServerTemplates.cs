using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Servers;

/// <summary>Loads the <see cref="ServerTemplate"/> of many servers with one query per table (a node's listing pages 50 at a time).</summary>
internal static class ServerTemplates
{
    /// <returns>server id → template, for the servers that have an egg</returns>
    public static async Task<Dictionary<int, ServerTemplate>> LoadAsync(PanelDb db, IReadOnlyCollection<GameServer> servers, CancellationToken ct)
    {
        var withEgg = servers.Where(s => s.EggId is not null).ToList();
        if (withEgg.Count == 0)
        {
            return [];
        }
        var eggIds = withEgg.Select(s => s.EggId!.Value).Distinct().ToList();
        var eggs = await db.Eggs.AsNoTracking().Where(e => eggIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var parentIds = eggs.Values.SelectMany(e => new[] { e.ConfigFromId, e.CopyScriptFromId }).OfType<int>().Distinct().ToList();
        var parents = await db.Eggs.AsNoTracking().Where(e => parentIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        foreach (var egg in eggs.Values)
        {
            EggInheritance.Apply(egg, Parent(parents, egg.ConfigFromId), Parent(parents, egg.CopyScriptFromId));
        }
        var variables = (await db.EggVariables.AsNoTracking().Where(v => eggIds.Contains(v.EggId)).ToListAsync(ct))
            .GroupBy(v => v.EggId).ToDictionary(g => g.Key, g => g.OrderBy(v => v.Sort ?? int.MaxValue).ThenBy(v => v.Id).ToList());
        var serverIds = withEgg.Select(s => s.Id).ToList();
        var values = (await db.ServerVariables.AsNoTracking().Where(v => serverIds.Contains(v.ServerId)).ToListAsync(ct))
            .GroupBy(v => v.ServerId).ToDictionary(g => g.Key, g => g.ToDictionary(v => v.VariableId, v => v.Value));
        var allocations = (await db.Allocations.AsNoTracking().Where(a => a.ServerId != null && serverIds.Contains(a.ServerId.Value)).ToListAsync(ct))
            .GroupBy(a => a.ServerId!.Value).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Id).ToList());
        var nodeIds = withEgg.Select(s => s.NodeId).OfType<int>().Distinct().ToList();
        var locations = await db.Nodes.AsNoTracking().Where(n => nodeIds.Contains(n.Id) && n.LocationId != null)
            .Join(db.Locations.AsNoTracking(), n => n.LocationId, l => l.Id, (n, l) => new { Node = n.Id, l.Short })
            .ToDictionaryAsync(x => x.Node, x => x.Short, ct);
        var templates = new Dictionary<int, ServerTemplate>();
        foreach (var s in withEgg)
        {
            if (!eggs.TryGetValue(s.EggId!.Value, out var egg))
            {
                continue;
            }
            templates[s.Id] = new ServerTemplate(
                egg,
                variables.GetValueOrDefault(egg.Id) ?? [],
                values.GetValueOrDefault(s.Id) ?? [],
                s.NodeId is { } node ? locations.GetValueOrDefault(node) : null,
                allocations.GetValueOrDefault(s.Id) ?? []);
        }
        return templates;
    }

    private static Egg? Parent(Dictionary<int, Egg> parents, int? id) => id is { } i ? parents.GetValueOrDefault(i) : null;
}
