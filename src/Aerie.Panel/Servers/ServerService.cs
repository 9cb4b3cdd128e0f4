using System.Text.RegularExpressions;
using Aerie.Panel.Allocations;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.NodeCalls;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Servers;

/// <summary>
/// Change, suspend, reinstall and delete servers (creation is <see cref="ServerProvisioning"/>); owner changes,
/// suspension and deletion revoke open consoles. The Application API operations are in ServerService.Application.cs.
/// </summary>
internal sealed partial class ServerService(PanelDb db, NodeCallOutbox outbox, ServerNodeCalls nodeCalls, AllocationService allocations, TimeProvider time)
{
    public async Task<GameServer> FindAsync(Guid uuid, CancellationToken ct) =>
        await db.Servers.Include(s => s.Owner).Include(s => s.Node).FirstOrDefaultAsync(s => s.Uuid == uuid, ct) ?? throw PanelProblem.NotFound("Server");

    public async Task<GameServer> UpdateAsync(Guid uuid, ServerRequest body, CancellationToken ct)
    {
        var server = await FindAsync(uuid, ct);
        if (body.OwnerUuid is { } ownerUuid && ownerUuid != server.Owner!.Uuid)
        {
            var owner = await db.Users.FirstOrDefaultAsync(u => u.Uuid == ownerUuid, ct) ?? throw PanelProblem.Invalid("ownerUuid does not name a user.");
            outbox.ServerUser(server, server.Owner);
            server.OwnerId = owner.Id;
            server.Owner = owner;
        }
        var leftNode = body.NodeId is { } target && target != server.NodeId ? server.NodeId : null;
        if (body.NodeId is { } nodeId && nodeId != server.NodeId)
        {
            // Moving data between nodes (a transfer) is not implemented: the old node drops the server, the new one creates it empty.
            var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == nodeId, ct) ?? throw PanelProblem.Invalid("nodeId does not name a node.");
            await outbox.ServerWideAsync(server, ct);
            outbox.Deleted(server);
            server.NodeId = node.Id;
            server.Node = node;
            outbox.Created(server);
        }
        Apply(server, body);
        outbox.Sync(server);
        await db.SaveChangesAsync(ct);
        if (leftNode is { } old)
        {
            await outbox.DropStaleAsync(server.Uuid, old, ct);
        }
        outbox.Wake();
        return server;
    }

    public static string Identifier(Guid uuid) => uuid.ToString("N")[..8];

    /// <summary>Applies a raw-command server definition (operator CLI, <c>aerie up</c>): only the fields it gives.</summary>
    public static void Apply(GameServer s, ServerRequest b)
    {
        if (b.Name is not null)
        {
            s.Name = b.Name.Trim() is { Length: >= 1 and <= 191 } n ? n : throw PanelProblem.Invalid("name must be 1-191 characters.");
        }
        if (b.Description is not null)
        {
            s.Description = b.Description.Length <= 1000 ? b.Description : throw PanelProblem.Invalid("description must be at most 1000 characters.");
        }
        if (b.Invocation is not null)
        {
            s.Invocation = b.Invocation.Trim() is { Length: >= 1 and <= 4096 } i ? i : throw PanelProblem.Invalid("invocation must be 1-4096 characters.");
        }
        if (b.Environment is not null)
        {
            s.EnvironmentJson = Json.Write(ValidEnvironment(b.Environment));
        }
        if (b.Done is not null)
        {
            s.DoneJson = Json.Write(ValidDone(b.Done));
        }
        s.StopType = b.StopType is null ? s.StopType : b.StopType is "command" or "signal" ? b.StopType : throw PanelProblem.Invalid("stopType must be command or signal.");
        if (b.StopValue is not null)
        {
            s.StopValue = b.StopValue.Trim() is { Length: >= 1 and <= 256 } v ? v : throw PanelProblem.Invalid("stopValue must be 1-256 characters.");
        }
        s.MemoryMb = b.MemoryMb is null ? s.MemoryMb : b.MemoryMb is >= 0 and <= 16_777_216 ? b.MemoryMb.Value : throw PanelProblem.Invalid("memoryMb must be 0 or more.");
        s.CpuPercent = b.CpuPercent is null ? s.CpuPercent : b.CpuPercent is >= 0 and <= 100_000 ? b.CpuPercent.Value : throw PanelProblem.Invalid("cpuPercent must be 0 or more.");
        s.DiskMb = b.DiskMb is null ? s.DiskMb : b.DiskMb is >= 0 and <= 1_073_741_824 ? b.DiskMb.Value : throw PanelProblem.Invalid("diskMb must be 0 or more.");
        s.Image = b.Image is null ? s.Image : b.Image.Length <= 255 ? b.Image : throw PanelProblem.Invalid("image must be at most 255 characters.");
        s.BackupLimit = b.BackupLimit is null ? s.BackupLimit : b.BackupLimit is >= 0 ? b.BackupLimit : throw PanelProblem.Invalid("backupLimit must be 0 or more.");
    }

    private static Dictionary<string, string> ValidEnvironment(Dictionary<string, string> env)
    {
        if (env.Count > 64)
        {
            throw PanelProblem.Invalid("environment may hold at most 64 variables.");
        }
        foreach (var (key, value) in env)
        {
            if (!EnvKey().IsMatch(key) || value is null || value.Length > 4096)
            {
                throw PanelProblem.Invalid($"environment variable '{Truncate(key)}' needs a name like NAME_1 and a value of at most 4096 characters.");
            }
        }
        return env;
    }

    private static List<string> ValidDone(List<string> done)
    {
        if (done.Count > 20 || done.Any(d => d is null || d.Length is 0 or > 512))
        {
            throw PanelProblem.Invalid("done must hold at most 20 markers of 1-512 characters.");
        }
        foreach (var d in done.Where(d => d.StartsWith("regex:", StringComparison.Ordinal)))
        {
            try
            {
                _ = new Regex(d[6..], RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                throw PanelProblem.Invalid($"done marker '{Truncate(d)}' is not a valid regular expression.");
            }
        }
        return done;
    }

    private static string Truncate(string s) => s.Length > 40 ? s[..40] : s;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex EnvKey();
}
