using Aerie.Contracts.Permissions;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Servers;

/// <summary>Who may see a server and with which effective permissions (spec 01).</summary>
internal static class ServerAccess
{
    private static readonly IReadOnlyList<string> Owner = [Permission.All];

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
        var sub = await db.Subusers.AsNoTracking().FirstOrDefaultAsync(s => s.ServerUuid == server.Uuid && s.UserId == user.Id, ct);
        return sub is null ? null : Json.Read<List<string>>(sub.PermissionsJson);
    }

    /// <summary>Resolves <c>{server}</c>: a full UUID or the 8-char identifier.</summary>
    public static async Task<GameServer?> FindAsync(PanelDb db, string key, CancellationToken ct)
    {
        key = key.Trim();
        if (key.Length == 36 && Guid.TryParse(key, out var uuid))
        {
            return await db.Servers.Include(s => s.Node).FirstOrDefaultAsync(s => s.Uuid == uuid, ct);
        }
        if (key.Length == 8)
        {
            var id = key.ToLowerInvariant();
            return await db.Servers.Include(s => s.Node).FirstOrDefaultAsync(s => s.Identifier == id, ct);
        }
        return null;
    }
}
