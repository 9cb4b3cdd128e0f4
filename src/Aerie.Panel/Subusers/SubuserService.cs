using Aerie.Contracts.Permissions;
using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Aerie.Panel.ClientServers;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.NodeCalls;
using Aerie.Panel.Servers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Subusers;

/// <summary>
/// Subusers of a server (spec 04 §2.6), for the Client API and the operator CLI alike. Permission lists are
/// normalised as Pterodactyl does (unknown names dropped, <c>websocket.connect</c> always held); a granter
/// (null = owner or administrator) may only hand out what it holds. A change that alters what the subuser
/// holds, and a removal, queue a revocation of their console tokens in the same transaction (spec 01).
/// </summary>
internal sealed class SubuserService(PanelDb db, NodeCallOutbox outbox, IPasswordHasher<PanelUser> hasher, TimeProvider time)
{
    public const string GrantText = "Cannot assign permissions to a subuser that your account does not actively possess.";
    public const string OwnerText = "You cannot add the server owner as a subuser for this server.";
    public const string ExistsText = "A user with that email address is already assigned as a subuser for this server.";
    public const string ExistsCode = "ServerSubuserExistsException";
    public const string OwnerCode = "UserIsServerOwnerException";

    public async Task<IReadOnlyList<Subuser>> ListAsync(GameServer server, CancellationToken ct) =>
        await db.Subusers.AsNoTracking().Include(s => s.User).Where(s => s.ServerUuid == server.Uuid).OrderBy(s => s.Id).ToListAsync(ct);

    /// <exception cref="PanelProblem">404 when the user is not a subuser of this server</exception>
    public async Task<Subuser> FindAsync(GameServer server, Guid userUuid, CancellationToken ct) =>
        await db.Subusers.Include(s => s.User).FirstOrDefaultAsync(s => s.ServerUuid == server.Uuid && s.User!.Uuid == userUuid, ct)
        ?? throw new PanelProblem(404, ClientServerAccess.NotForThisServerText, ApiErrorCodes.NotFound);

    /// <summary>
    /// Adds the account with <paramref name="email"/> (already validated and lower-cased) as a subuser. An email
    /// with no account creates one, as Pterodactyl does (username from the email, names <c>Server</c>/<c>Subuser</c>,
    /// a random password the user replaces).
    /// </summary>
    public async Task<Subuser> AddAsync(GameServer server, string email, IEnumerable<string> permissions, IReadOnlyList<string>? granter, CancellationToken ct)
    {
        var perms = Normalise(permissions, granter);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, ct) ?? await NewAccountAsync(email, ct);
        if (user.Id == server.OwnerId)
        {
            throw PanelProblem.Display(OwnerText, OwnerCode);
        }
        if (user.Id != 0 && await db.Subusers.AnyAsync(s => s.ServerUuid == server.Uuid && s.UserId == user.Id, ct))
        {
            throw PanelProblem.Display(ExistsText, ExistsCode);
        }
        var sub = new Subuser { ServerUuid = server.Uuid, User = user, PermissionsJson = Json.Write(perms) };
        db.Subusers.Add(sub);
        await db.SaveChangesAsync(ct); // one save: a new account and its subuser row land together or not at all
        return sub;
    }

    /// <summary>Replaces the permissions; returns the row, the list it held before and whether that differs.</summary>
    public async Task<(Subuser Subuser, IReadOnlyList<string> Before, bool Changed)> UpdateAsync(GameServer server, Guid userUuid, IEnumerable<string> permissions, IReadOnlyList<string>? granter, CancellationToken ct)
    {
        var sub = await FindAsync(server, userUuid, ct);
        var perms = Normalise(permissions, granter);
        var before = Json.Read<List<string>>(sub.PermissionsJson);
        if (before.Order(StringComparer.Ordinal).SequenceEqual(perms.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            return (sub, before, false);
        }
        sub.PermissionsJson = Json.Write(perms);
        outbox.ServerUser(server, sub.User!);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return (sub, before, true);
    }

    public async Task<Subuser> RemoveAsync(GameServer server, Guid userUuid, CancellationToken ct)
    {
        var sub = await FindAsync(server, userUuid, ct);
        outbox.ServerUser(server, sub.User!);
        db.Subusers.Remove(sub);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return sub;
    }

    /// <summary>Known names only, each once, <c>websocket.connect</c> first; 403 when the granter lacks one.</summary>
    private static List<string> Normalise(IEnumerable<string> permissions, IReadOnlyList<string>? granter)
    {
        var result = new List<string> { Permission.WebsocketConnect };
        foreach (var p in permissions)
        {
            if (!Permission.Subuser.Contains(p, StringComparer.Ordinal) || result.Contains(p, StringComparer.Ordinal))
            {
                continue;
            }
            if (granter is not null && !Permission.Grants(granter, p))
            {
                throw new PanelProblem(403, GrantText, ApiErrorCodes.Forbidden);
            }
            result.Add(p);
        }
        return result;
    }

    private async Task<PanelUser> NewAccountAsync(string email, CancellationToken ct)
    {
        var local = new string([.. email[..email.IndexOf('@', StringComparison.Ordinal)].ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')]);
        local = local.Trim('.', '_', '-');
        string username;
        do
        {
            username = (local.Length > 0 ? local[..Math.Min(local.Length, 60)] : "user") + Secrets.Random(3).ToLowerInvariant();
        }
        while (await db.Users.AnyAsync(u => u.Username == username, ct));
        var now = time.GetUtcNow();
        var user = new PanelUser { Username = username, Email = email, FirstName = "Server", LastName = "Subuser", PasswordHash = "", CreatedAt = now, UpdatedAt = now };
        user.PasswordHash = hasher.HashPassword(user, Secrets.Random(32));
        db.Users.Add(user);
        return user;
    }
}
