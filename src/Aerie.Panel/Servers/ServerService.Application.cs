using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Servers;

/// <summary>The Application API's server operations (spec 04 §3.5), by integer id.</summary>
internal sealed partial class ServerService
{
    public const string DefaultNotAssignedText = "The requested default allocation is not currently assigned to this server.";
    public const string PrimaryRemovedText = "The primary allocation of this server cannot be removed unless another allocation is added.";
    public const string AllocationUnavailableText = "One or more of the allocations to add are not free allocations of this server's node.";

    /// <exception cref="PanelProblem">404 spec 04's not-found text</exception>
    public async Task<GameServer> FindAsync(int id, CancellationToken ct) =>
        await db.Servers.Include(s => s.Owner).Include(s => s.Node).FirstOrDefaultAsync(s => s.Id == id, ct)
        ?? throw new PanelProblem(404, ApiErrorCodes.ResourceNotFoundText);

    public async Task<GameServer> UpdateDetailsAsync(int id, ServerDetails body, CancellationToken ct)
    {
        var server = await FindAsync(id, ct);
        var owner = await db.Users.FirstOrDefaultAsync(u => u.Id == body.UserId, ct)
            ?? throw PanelProblem.Field("user", "exists", "The selected user is invalid.");
        if (body.ExternalId is { } external && await db.Servers.AnyAsync(s => s.ExternalId == external && s.Id != id, ct))
        {
            throw PanelProblem.Field("external_id", "unique", "The external id has already been taken.");
        }
        if (owner.Id != server.OwnerId)
        {
            // spec 01: the previous owner's open consoles end.
            outbox.ServerUser(server, server.Owner!);
            server.OwnerId = owner.Id;
            server.Owner = owner;
        }
        server.Name = body.Name;
        server.ExternalId = body.ExternalId;
        if (body.DescriptionGiven)
        {
            server.Description = body.Description ?? "";
        }
        server.UpdatedAt = time.GetUtcNow();
        outbox.Sync(server);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return server;
    }

    /// <summary>
    /// Limits, feature limits and allocations in one transaction: additions are claimed with the same
    /// conditional update as a create (free allocations of the server's node only), removals release the
    /// server's own; then the primary must be one of the server's allocations. The node is told to sync.
    /// </summary>
    public async Task<GameServer> UpdateBuildAsync(int id, ServerBuild body, CancellationToken ct)
    {
        var server = await FindAsync(id, ct);
        var adding = body.AddAllocations.Distinct().ToList();
        var removing = body.RemoveAllocations.Distinct().Except(adding).ToList();
        if (server.AllocationId is { } primary && removing.Contains(primary) && adding.Count == 0)
        {
            throw PanelProblem.Display(PrimaryRemovedText);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var allocation in adding)
        {
            var already = await db.Allocations.AnyAsync(a => a.Id == allocation && a.ServerId == server.Id, ct);
            if (!already && (server.NodeId is not { } node || !await allocations.ClaimAsync(allocation, node, server.Id, ct)))
            {
                throw PanelProblem.Display(AllocationUnavailableText);
            }
        }
        if (removing.Count > 0)
        {
            await db.Allocations.Where(a => a.ServerId == server.Id && removing.Contains(a.Id)).ExecuteUpdateAsync(u => u.SetProperty(a => a.ServerId, (int?)null), ct);
        }
        if (!await db.Allocations.AnyAsync(a => a.Id == body.Allocation && a.ServerId == server.Id, ct))
        {
            throw PanelProblem.Display(DefaultNotAssignedText);
        }
        server.AllocationId = body.Allocation;
        server.MemoryMb = body.Limits.Memory;
        server.SwapMb = body.Limits.Swap;
        server.DiskMb = body.Limits.Disk;
        server.Io = body.Limits.Io;
        server.CpuPercent = body.Limits.Cpu;
        server.Threads = body.Limits.Threads;
        server.OomDisabled = body.OomDisabled ?? server.OomDisabled;
        server.DatabaseLimit = body.FeatureLimits.Databases;
        server.AllocationLimit = body.FeatureLimits.Allocations;
        server.BackupLimit = body.FeatureLimits.Backups;
        server.UpdatedAt = time.GetUtcNow();
        outbox.Sync(server);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.Wake();
        return server;
    }

    /// <summary>
    /// Startup command, image, egg and variables. An omitted variable keeps its current value (beyond
    /// Pterodactyl, issue #4129); after an egg change there is none, so it takes the new egg's default.
    /// </summary>
    public async Task<GameServer> UpdateStartupAsync(int id, ServerStartup body, CancellationToken ct)
    {
        var server = await FindAsync(id, ct);
        var egg = await db.Eggs.AsNoTracking().FirstOrDefaultAsync(e => e.Id == body.EggId, ct)
            ?? throw PanelProblem.Field("egg", "exists", "The selected egg is invalid.");
        var variables = await db.EggVariables.AsNoTracking().Where(v => v.EggId == egg.Id).OrderBy(v => v.Id).ToListAsync(ct);
        var rows = await db.ServerVariables.Where(v => v.ServerId == server.Id).ToListAsync(ct);
        var current = server.EggId == egg.Id ? rows.ToDictionary(v => v.VariableId, v => v.Value) : null;
        var values = ServerEnvironments.Validate(variables, body.Environment, omittedTakesDefault: true, current);
        db.ServerVariables.RemoveRange(rows);
        foreach (var v in variables)
        {
            db.ServerVariables.Add(new ServerVariable { ServerId = server.Id, VariableId = v.Id, Value = values[v.Id] });
        }
        server.EggId = egg.Id;
        server.Invocation = body.Startup;
        server.Image = body.Image;
        server.EnvironmentJson = Json.Write(variables.ToDictionary(v => v.EnvVariable, v => values[v.Id]));
        server.UpdatedAt = time.GetUtcNow();
        outbox.Sync(server);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return server;
    }

    /// <summary>
    /// Suspends or unsuspends (a no-op when already so). The flag is committed first, because the node's sync
    /// re-fetches the configuration from the panel; when the node cannot be synced the flag goes back and the
    /// node's error is the answer. A node that does not hold the server (404) has nothing to sync. Once
    /// suspended, everybody's console tokens are revoked through the outbox.
    /// </summary>
    public async Task SetSuspendedAsync(int id, bool suspended, CancellationToken ct)
    {
        var server = await FindAsync(id, ct);
        if (server.Suspended == suspended)
        {
            return;
        }
        server.Suspended = suspended;
        server.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        if (server.Node is { } node
            && await nodeCalls.CallAsync(node, "POST", $"/api/servers/{server.Uuid}/sync", "{}", ignoreNotFound: true, ct) is { } failure)
        {
            server.Suspended = !suspended;
            await db.SaveChangesAsync(CancellationToken.None);
            throw failure;
        }
        if (suspended)
        {
            await outbox.ServerWideAsync(server, ct);
            await db.SaveChangesAsync(ct);
            outbox.Wake();
        }
    }

    /// <summary>Marks the server installing and asks its node to reinstall; a node failure puts the status back and answers the node's error.</summary>
    public async Task ReinstallAsync(int id, CancellationToken ct)
    {
        var server = await FindAsync(id, ct);
        if (server.Node is not { } node)
        {
            throw PanelProblem.Display("This server is not on a node.");
        }
        var before = server.Status;
        server.Status = ServerStatuses.Installing;
        await db.SaveChangesAsync(ct);
        if (await nodeCalls.CallAsync(node, "POST", $"/api/servers/{server.Uuid}/reinstall", "", ignoreNotFound: false, ct) is { } failure)
        {
            server.Status = before;
            await db.SaveChangesAsync(CancellationToken.None);
            throw failure;
        }
    }

    /// <summary>
    /// Deletes a server. Its node is asked first: a 404 there is fine (nothing left), any other failure aborts
    /// with the node's error and the server stays, unless <paramref name="force"/>: then the row goes anyway and
    /// the node's delete is queued in the outbox, retried until the node acknowledges. Open consoles are revoked.
    /// </summary>
    public async Task DeleteAsync(int id, bool force, CancellationToken ct)
    {
        var server = await FindAsync(id, ct);
        var failure = server.Node is { } node
            ? await nodeCalls.CallAsync(node, "DELETE", $"/api/servers/{server.Uuid}", "", ignoreNotFound: true, ct)
            : null;
        if (failure is not null && !force)
        {
            throw failure;
        }
        await outbox.ServerWideAsync(server, ct);
        if (failure is not null)
        {
            outbox.Deleted(server);
        }
        db.Servers.Remove(server);
        await db.SaveChangesAsync(ct);
        if (server.NodeId is { } nodeId)
        {
            await outbox.DropStaleAsync(server.Uuid, nodeId, ct);
        }
        outbox.Wake();
    }
}
