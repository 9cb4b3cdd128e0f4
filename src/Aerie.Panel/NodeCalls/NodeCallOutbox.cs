using Aerie.Contracts.NodeApi;
using Aerie.Panel.Credentials;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.NodeCalls;

/// <summary>
/// Queues the panel's calls to nodes: console revocations (deauthorize, deny) and server lifecycle (create,
/// sync, delete). Rows are added to the caller's unit of work, so they commit in the same transaction as the
/// change that caused them (nothing revoked half-way), and <see cref="OutboxProcessor"/> delivers them until
/// the node acknowledges. Each row names the server it is about (null when it spans several).
/// </summary>
internal sealed class NodeCallOutbox(PanelDb db, TimeProvider time, OutboxSignal signal)
{
    /// <summary>One user loses access to one server: deauthorize + deny the jti.</summary>
    public void ServerUser(GameServer server, PanelUser user)
    {
        if (server.NodeId is not { } nodeId)
        {
            return;
        }
        Add(nodeId, server.Uuid, NodeCallPaths.Deauthorize, new DeauthorizeUserRequest(user.Uuid.ToString(), [server.Uuid.ToString()], Stamp));
        Add(nodeId, server.Uuid, NodeCallPaths.Deny(server.Uuid), new DenyRequest([ConsoleJti.Of(user.Uuid, server.Uuid)], Stamp));
    }

    /// <summary>
    /// A user's password, suspension, admin flag or existence changed: every server they could reach, on
    /// every node. <paramref name="wasAdmin"/> covers a demotion, whose tokens reached every server.
    /// </summary>
    public async Task UserWideAsync(PanelUser user, bool wasAdmin, CancellationToken ct)
    {
        foreach (var group in await ReachableAsync(user, wasAdmin, ct))
        {
            Add(group.Key, null, NodeCallPaths.Deauthorize, new DeauthorizeUserRequest(user.Uuid.ToString(), [.. group.Select(s => s.Uuid.ToString())], Stamp));
            foreach (var s in group)
            {
                Add(group.Key, s.Uuid, NodeCallPaths.Deny(s.Uuid), new DenyRequest([ConsoleJti.Of(user.Uuid, s.Uuid)], Stamp));
            }
        }
    }

    /// <summary>
    /// A panel session ended (logout) or an API key was deleted: the console tokens minted through it
    /// (<c>aerie_grant</c> claim), on every node where the user can reach servers. Wings ignores the grant and
    /// deauthorizes the user on those servers, a superset; our node revokes only that grant's tokens.
    /// </summary>
    public async Task GrantRevokedAsync(PanelUser user, string grant, CancellationToken ct)
    {
        foreach (var group in await ReachableAsync(user, wasAdmin: false, ct))
        {
            Add(group.Key, null, NodeCallPaths.Deauthorize,
                new DeauthorizeUserRequest(user.Uuid.ToString(), [.. group.Select(s => s.Uuid.ToString())], Stamp, grant));
        }
    }

    // The servers whose console the user can open, by node.
    private async Task<IEnumerable<IGrouping<int, (Guid Uuid, int NodeId)>>> ReachableAsync(PanelUser user, bool wasAdmin, CancellationToken ct)
    {
        var query = db.Servers.AsNoTracking().Where(s => s.NodeId != null);
        if (!user.Admin && !wasAdmin)
        {
            var subOf = db.Subusers.Where(s => s.UserId == user.Id).Select(s => s.ServerUuid);
            query = query.Where(s => s.OwnerId == user.Id || subOf.Contains(s.Uuid));
        }
        var servers = await query.Select(s => new { s.Uuid, s.NodeId }).ToListAsync(ct);
        return servers.Select(s => (s.Uuid, NodeId: s.NodeId!.Value)).GroupBy(s => s.NodeId);
    }

    /// <summary>A server was suspended or deleted: everybody who could open its console.</summary>
    public async Task ServerWideAsync(GameServer server, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => u.Admin || u.Id == server.OwnerId || db.Subusers.Any(s => s.ServerUuid == server.Uuid && s.UserId == u.Id))
            .ToListAsync(ct);
        foreach (var user in users)
        {
            ServerUser(server, user);
        }
    }

    /// <summary>Asks the node to re-fetch the server's configuration (suspension flag, limits).</summary>
    public void Sync(GameServer server)
    {
        if (server.NodeId is { } nodeId)
        {
            db.Outbox.Add(NewMessage(nodeId, server.Uuid, $"/api/servers/{server.Uuid}/sync", "{}"));
        }
    }

    /// <summary>Tells the node about a new server; it then fetches the configuration through the remote API.</summary>
    public void Created(GameServer server)
    {
        if (server.NodeId is { } nodeId)
        {
            Add(nodeId, server.Uuid, "/api/servers", new CreateServerRequest(server.Uuid.ToString()));
        }
    }

    /// <summary>Tells the node to stop and remove a deleted server.</summary>
    public void Deleted(GameServer server)
    {
        if (server.NodeId is { } nodeId)
        {
            db.Outbox.Add(NewMessage(nodeId, server.Uuid, $"/api/servers/{server.Uuid}", "", "DELETE"));
        }
    }

    /// <summary>Tells the node to delete a backup archive nobody waits for (retention, spec 07 §9); its 404 counts as done.</summary>
    public void BackupDeleted(GameServer server, Guid backup)
    {
        if (server.NodeId is { } nodeId)
        {
            db.Outbox.Add(NewMessage(nodeId, server.Uuid, $"/api/servers/{server.Uuid}/backup/{backup}", "", "DELETE"));
        }
    }

    /// <summary>
    /// After a server left a node (deleted or moved) and that change is committed: its creation and syncs
    /// still queued for that node can never succeed (the node would fetch a configuration that is gone) and
    /// would hold up every revocation queued behind them, so they go. Set-based, so a row the processor
    /// delivers at this very moment is no conflict.
    /// </summary>
    public Task DropStaleAsync(Guid serverUuid, int nodeId, CancellationToken ct)
    {
        var sync = $"/api/servers/{serverUuid}/sync";
        return db.Outbox
            .Where(m => m.NodeId == nodeId && m.ServerUuid == serverUuid && m.Method == "POST" && (m.Path == sync || m.Path == "/api/servers"))
            .ExecuteDeleteAsync(ct);
    }

    public void Wake() => signal.Wake();

    /// <summary>The revocation's time by the panel's clock, the one that mints <c>iat</c>: sent as <c>revoked_at</c> so the
    /// node compares both in one clock domain (a slow node clock cannot let a token minted just before survive), and
    /// taken when the change commits, so a late delivery does not refuse tokens minted after the change.</summary>
    private long Stamp => time.GetUtcNow().ToUnixTimeSeconds();

    private void Add<T>(int nodeId, Guid? server, string path, T body) => db.Outbox.Add(NewMessage(nodeId, server, path, Json.Write(body)));

    private OutboxMessage NewMessage(int nodeId, Guid? server, string path, string body, string method = "POST")
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return new OutboxMessage
        {
            NodeId = nodeId,
            ServerUuid = server,
            Method = method,
            Path = path,
            BodyJson = body,
            CreatedAtUnixMs = now,
            NextAttemptUnixMs = now,
        };
    }
}
