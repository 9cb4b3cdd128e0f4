using Aerie.Contracts.Permissions;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.ClientServers;

/// <summary>
/// What the client <c>server</c> object needs beyond the row, loaded for a whole page in a few queries (never one
/// per server): the viewer's permissions, the allocations, the egg variables with the server's values, and the
/// subusers when included.
/// </summary>
internal sealed class ClientServerData
{
    private ClientServerData(PanelUser viewer) => Viewer = viewer;

    public PanelUser Viewer { get; }

    public Dictionary<int, IReadOnlyList<string>> Permissions { get; } = [];

    public Dictionary<int, List<Allocation>> Allocations { get; } = [];

    public Dictionary<int, List<ServerVariableView>> Variables { get; } = [];

    /// <summary>By server UUID; null when <c>subusers</c> was not included.</summary>
    public Dictionary<Guid, List<Subuser>>? Subusers { get; private set; }

    public IReadOnlyList<string> PermissionsOf(GameServer server) => Permissions.GetValueOrDefault(server.Id) ?? [];

    public bool Can(GameServer server, string permission) => Permission.Grants(PermissionsOf(server), permission);

    /// <param name="servers">rows with <see cref="GameServer.Node"/> and <see cref="GameServer.Egg"/> loaded</param>
    public static async Task<ClientServerData> LoadAsync(PanelDb db, PanelUser viewer, IReadOnlyList<GameServer> servers, Includes includes, CancellationToken ct)
    {
        var data = new ClientServerData(viewer);
        var ids = servers.Select(s => s.Id).ToList();
        var uuids = servers.Select(s => s.Uuid).ToList();
        var own = viewer.Admin ? [] : await db.Subusers.AsNoTracking().Where(s => s.UserId == viewer.Id && uuids.Contains(s.ServerUuid)).ToListAsync(ct);
        foreach (var s in servers)
        {
            data.Permissions[s.Id] = viewer.Admin ? Permission.AdminToken
                : s.OwnerId == viewer.Id ? [Permission.All]
                : Json.Read<List<string>>(own.FirstOrDefault(o => o.ServerUuid == s.Uuid)?.PermissionsJson ?? "[]") ?? [];
        }
        foreach (var group in (await db.Allocations.AsNoTracking().Where(a => a.ServerId != null && ids.Contains(a.ServerId.Value)).OrderBy(a => a.Id).ToListAsync(ct))
            .GroupBy(a => a.ServerId!.Value))
        {
            data.Allocations[group.Key] = group.ToList();
        }
        var eggIds = servers.Where(s => s.EggId is not null).Select(s => s.EggId!.Value).Distinct().ToList();
        var eggVariables = await db.EggVariables.AsNoTracking().Where(v => eggIds.Contains(v.EggId)).OrderBy(v => v.Id).ToListAsync(ct);
        var values = await db.ServerVariables.AsNoTracking().Where(v => ids.Contains(v.ServerId)).ToListAsync(ct);
        foreach (var s in servers.Where(s => s.EggId is not null))
        {
            data.Variables[s.Id] = eggVariables.Where(v => v.EggId == s.EggId)
                .Select(v => new ServerVariableView(v, values.FirstOrDefault(x => x.ServerId == s.Id && x.VariableId == v.Id)?.Value))
                .ToList();
        }
        if (includes.Has("subusers"))
        {
            data.Subusers = (await db.Subusers.AsNoTracking().Include(s => s.User).Where(s => uuids.Contains(s.ServerUuid)).OrderBy(s => s.Id).ToListAsync(ct))
                .GroupBy(s => s.ServerUuid).ToDictionary(g => g.Key, g => g.ToList());
        }
        return data;
    }
}

/// <summary>An egg variable and this server's value for it (null: no value stored, the default applies).</summary>
internal sealed record ServerVariableView(EggVariable Variable, string? ServerValue)
{
    public string Effective => ServerValue ?? Variable.DefaultValue;
}
