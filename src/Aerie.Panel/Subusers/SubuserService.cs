using Aerie.Contracts.Permissions;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.NodeCalls;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Subusers;

/// <summary>
/// Subusers of a server. Permissions must come from <see cref="Permission.Subuser"/>, the granter must
/// hold each one (<c>granter</c> null = administrator), and <c>websocket.connect</c> is always added.
/// Narrowing or removing access revokes the subuser's open consoles.
/// </summary>
internal sealed class SubuserService(PanelDb db, NodeCallOutbox outbox)
{
    public async Task<IReadOnlyList<Subuser>> ListAsync(GameServer server, CancellationToken ct) =>
        await db.Subusers.AsNoTracking().Include(s => s.User).Where(s => s.ServerUuid == server.Uuid).OrderBy(s => s.Id).ToListAsync(ct);

    public async Task<Subuser> AddAsync(GameServer server, string? email, IReadOnlyList<string>? permissions, IReadOnlyList<string>? granter, CancellationToken ct)
    {
        var perms = Validate(permissions, granter);
        var lower = email?.Trim().ToLowerInvariant() ?? "";
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == lower, ct) ?? throw PanelProblem.Invalid("No user has that email address.");
        if (user.Id == server.OwnerId)
        {
            throw PanelProblem.Invalid("The owner cannot be a subuser of their own server.");
        }
        if (await db.Subusers.AnyAsync(s => s.ServerUuid == server.Uuid && s.UserId == user.Id, ct))
        {
            throw PanelProblem.Conflict("That user is already a subuser of this server.");
        }
        var sub = new Subuser { ServerUuid = server.Uuid, UserId = user.Id, User = user, PermissionsJson = Json.Write(perms) };
        db.Subusers.Add(sub);
        await db.SaveChangesAsync(ct);
        return sub;
    }

    public async Task<Subuser> UpdateAsync(GameServer server, Guid userUuid, IReadOnlyList<string>? permissions, IReadOnlyList<string>? granter, CancellationToken ct)
    {
        var sub = await FindAsync(server, userUuid, ct);
        var perms = Validate(permissions, granter);
        var old = Json.Read<List<string>>(sub.PermissionsJson);
        sub.PermissionsJson = Json.Write(perms);
        if (!old.Order(StringComparer.Ordinal).SequenceEqual(perms.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            outbox.ServerUser(server, sub.User!);
        }
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return sub;
    }

    public async Task RemoveAsync(GameServer server, Guid userUuid, CancellationToken ct)
    {
        var sub = await FindAsync(server, userUuid, ct);
        outbox.ServerUser(server, sub.User!);
        db.Subusers.Remove(sub);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
    }

    private async Task<Subuser> FindAsync(GameServer server, Guid userUuid, CancellationToken ct) =>
        await db.Subusers.Include(s => s.User).FirstOrDefaultAsync(s => s.ServerUuid == server.Uuid && s.User!.Uuid == userUuid, ct)
        ?? throw PanelProblem.NotFound("Subuser");

    private static List<string> Validate(IReadOnlyList<string>? permissions, IReadOnlyList<string>? granter)
    {
        if (permissions is null || permissions.Count > Permission.Subuser.Count + 5)
        {
            throw PanelProblem.Invalid("permissions must be a list of permission names.");
        }
        var result = new List<string> { Permission.WebsocketConnect };
        foreach (var p in permissions)
        {
            if (p is null || !Permission.Subuser.Contains(p))
            {
                throw PanelProblem.Invalid($"Unknown permission: {Shorten(p)}");
            }
            if (granter is not null && !Permission.Grants(granter, p))
            {
                throw new PanelProblem(403, $"You cannot grant a permission you do not have: {p}");
            }
            if (!result.Contains(p))
            {
                result.Add(p);
            }
        }
        return result;
    }

    private static string Shorten(string? p) => p is null ? "null" : p.Length > 64 ? p[..64] : p;
}
