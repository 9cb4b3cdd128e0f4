using Aerie.Contracts.Permissions;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Credentials;

/// <summary>
/// The credentials endpoint's server read, compiled once and untracked: the server with its node and
/// the caller's subuser row in one round trip (the general <see cref="Servers.ServerAccess"/> takes two).
/// </summary>
internal static class CredentialsLookup
{
    private static readonly IReadOnlyList<string> Owner = [Permission.All];

    private static readonly CompiledPerContext<Func<PanelDb, Guid, int, CancellationToken, Task<Row?>>> ByUuid = new(() =>
        EF.CompileAsyncQuery((PanelDb db, Guid uuid, int user, CancellationToken ct) => db.Servers.AsNoTracking().Where(s => s.Uuid == uuid)
            .Select(s => new Row(s, s.Node, db.Subusers.Where(u => u.ServerUuid == s.Uuid && u.UserId == user).Select(u => u.PermissionsJson).FirstOrDefault()))
            .FirstOrDefault()));

    private static readonly CompiledPerContext<Func<PanelDb, string, int, CancellationToken, Task<Row?>>> ByIdentifier = new(() =>
        EF.CompileAsyncQuery((PanelDb db, string id, int user, CancellationToken ct) => db.Servers.AsNoTracking().Where(s => s.Identifier == id)
            .Select(s => new Row(s, s.Node, db.Subusers.Where(u => u.ServerUuid == s.Uuid && u.UserId == user).Select(u => u.PermissionsJson).FirstOrDefault()))
            .FirstOrDefault()));

    /// <summary>The server <paramref name="key"/> names (full UUID or 8-char identifier) with the caller's effective
    /// permissions, or null when there is no such server or the caller has no access (spec 01: both are 404).</summary>
    public static async Task<CredentialsSnapshots.ServerAccessSnapshot?> AccessAsync(PanelDb db, PanelUser user, string key, CancellationToken ct)
    {
        key = key.Trim();
        Row? row = null;
        if (key.Length == 36 && Guid.TryParse(key, out var uuid))
        {
            row = await ByUuid.For(db)(db, uuid, user.Id, ct);
        }
        else if (key.Length == 8)
        {
            row = await ByIdentifier.For(db)(db, key.ToLowerInvariant(), user.Id, ct);
        }
        if (row is null)
        {
            return null;
        }
        row.Server.Node = row.Node;
        IReadOnlyList<string>? permissions = user.Admin ? Permission.AdminToken
            : row.Server.OwnerId == user.Id ? Owner
            : row.SubuserPermissionsJson is { } json ? Json.Read<List<string>>(json)
            : null;
        return permissions is null ? null : new CredentialsSnapshots.ServerAccessSnapshot(row.Server, permissions);
    }

    internal sealed record Row(GameServer Server, PanelNode? Node, string? SubuserPermissionsJson);
}
