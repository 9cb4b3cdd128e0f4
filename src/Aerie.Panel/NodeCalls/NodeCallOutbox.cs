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
        Add(nodeId, server.Uuid, "/api/deauthorize-user", new DeauthorizeUserRequest(user.Uuid.ToString(), [server.Uuid.ToString()]));
        Add(nodeId, server.Uuid, $"/api/servers/{server.Uuid}/ws/deny", new DenyRequest([ConsoleJti.Of(user.Uuid, server.Uuid)]));
    }

    /// <summary>
    /// A user's password, suspension, admin flag or existence changed: every server they could reach, on
    /// every node. <paramref name="wasAdmin"/> covers a demotion, whose tokens reached every server.
    /// </summary>
    public async Task UserWideAsync(PanelUser user, bool wasAdmin, CancellationToken ct)
    {
        var query = db.Servers.AsNoTracking().Where(s => s.NodeId != null);
        if (!user.Admin && !wasAdmin)
        {
            var subOf = db.Subusers.Where(s => s.UserId == user.Id).Select(s => s.ServerUuid);
            query = query.Where(s => s.OwnerId == user.Id || subOf.Contains(s.Uuid));
        }
        var servers = await query.Select(s => new { s.Uuid, s.NodeId }).ToListAsync(ct);
        foreach (var group in servers.GroupBy(s => s.NodeId!.Value))
        {
            Add(group.Key, null, "/api/deauthorize-user", new DeauthorizeUserRequest(user.Uuid.ToString(), [.. group.Select(s => s.Uuid.ToString())]));
            foreach (var s in group)
            {
                Add(group.Key, s.Uuid, $"/api/servers/{s.Uuid}/ws/deny", new DenyRequest([ConsoleJti.Of(user.Uuid, s.Uuid)]));
            }
        }
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
