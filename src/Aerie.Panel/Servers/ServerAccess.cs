using Aerie.Contracts.Permissions;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Servers;

/// <summary>Who may see a server and with which effective permissions (spec 01).</summary>
internal static class ServerAccess
{
    private static readonly IReadOnlyList<string> Owner = [Permission.All];

    // Compiled once: the credentials endpoint runs these on every request, and EF's per-call query-cache
    // lookup (expression tree hashing) cost more than the SQL itself.
    private static readonly CompiledPerContext<Func<PanelDb, Guid, CancellationToken, Task<GameServer?>>> ByUuid = new(() =>
        EF.CompileAsyncQuery((PanelDb db, Guid uuid, CancellationToken ct) => db.Servers.Include(s => s.Node).FirstOrDefault(s => s.Uuid == uuid)));

    private static readonly CompiledPerContext<Func<PanelDb, string, CancellationToken, Task<GameServer?>>> ByIdentifier = new(() =>
        EF.CompileAsyncQuery((PanelDb db, string id, CancellationToken ct) => db.Servers.Include(s => s.Node).FirstOrDefault(s => s.Identifier == id)));

    private static readonly CompiledPerContext<Func<PanelDb, Guid, int, CancellationToken, Task<Subuser?>>> SubuserOf = new(() =>
        EF.CompileAsyncQuery((PanelDb db, Guid server, int user, CancellationToken ct) => db.Subusers.AsNoTracking().FirstOrDefault(s => s.ServerUuid == server && s.UserId == user)));

    /// <summary>Effective permissions, or null when the user has no access at all.</summary>
    public static async Task<IReadOnlyList<string>?> EffectiveAsync(PanelDb db, PanelUser user, GameServer server, CancellationToken ct)
    {
        if (user.Admin)
        {
            return Permission.AdminToken;
        }
        if (server.OwnerId == user.Id)
        {
            return Owner;
        }
        var sub = await SubuserOf.For(db)(db, server.Uuid, user.Id, ct);
        return sub is null ? null : Json.Read<List<string>>(sub.PermissionsJson);
    }

    /// <summary>Resolves <c>{server}</c>: a full UUID or the 8-char identifier.</summary>
    public static async Task<GameServer?> FindAsync(PanelDb db, string key, CancellationToken ct)
    {
        key = key.Trim();
        if (key.Length == 36 && Guid.TryParse(key, out var uuid))
        {
            return await ByUuid.For(db)(db, uuid, ct);
        }
        if (key.Length == 8)
        {
            var id = key.ToLowerInvariant();
            return await ByIdentifier.For(db)(db, id, ct);
        }
        return null;
    }
}
