using System.Text.RegularExpressions;
using Aerie.Contracts.NodeApi;
using Aerie.Panel.Allocations;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Http;
using Aerie.Panel.NodeCalls;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Servers;

/// <summary>
/// The Application API's server create (spec 04 §3.5). Steps: check the owner, egg, external id and
/// environment → choose allocations (named, or by deployment) → in one transaction write the server
/// (status installing) and claim its allocations with conditional updates (a lost race retries the
/// deployment, or refuses a named allocation) → tell the node directly, bounded by a timeout → on a node
/// failure delete the row again (its allocations come free) and answer the node's error. Nothing is queued
/// in the outbox, so a failed create leaves nothing behind.
/// </summary>
internal sealed partial class ServerProvisioning(PanelDb db, AllocationService allocations, Deployment deployment, ServerNodeCalls nodeCalls, NodeCallOutbox outbox, TimeProvider time)
{
    public const string InstallingStatus = "installing";
    private const int DeployAttempts = 3;

    public async Task<GameServer> CreateAsync(ServerCreate body, CancellationToken ct)
    {
        var owner = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == body.UserId, ct)
            ?? throw PanelProblem.Field("user", "exists", "The selected user is invalid.");
        var egg = await db.Eggs.AsNoTracking().FirstOrDefaultAsync(e => e.Id == body.EggId, ct)
            ?? throw PanelProblem.Field("egg", "exists", "The selected egg is invalid.");
        if (!DockerImage().IsMatch(body.DockerImage) || body.DockerImage.Length > 191)
        {
            throw PanelProblem.Field("docker_image", "regex", "The docker image field format is invalid.");
        }
        if (body.ExternalId is { } external && await db.Servers.AnyAsync(s => s.ExternalId == external, ct))
        {
            throw PanelProblem.Field("external_id", "unique", "The external id has already been taken.");
        }
        var variables = await db.EggVariables.AsNoTracking().Where(v => v.EggId == egg.Id).OrderBy(v => v.Id).ToListAsync(ct);
        var values = ServerEnvironments.Validate(variables, body.Environment, omittedTakesDefault: true, current: null);

        for (var attempt = 1; ; attempt++)
        {
            var (node, primary, additional) = await ChooseAsync(body, ct);
            var server = await TryWriteAsync(body, egg.Id, owner.Id, node, primary, additional, variables, values, ct);
            if (server is not null)
            {
                await TellNodeAsync(server, node, body.StartOnCompletion, ct);
                return server;
            }
            if (body.Deploy is null || body.Deploy.IsEmpty || attempt == DeployAttempts)
            {
                // Somebody took the allocation between our read and our claim.
                throw PanelProblem.Field("allocation.default", "exists", "The selected allocation.default is invalid.");
            }
        }
    }

    private async Task<(PanelNode Node, Allocation Primary, List<Allocation> Additional)> ChooseAsync(ServerCreate body, CancellationToken ct)
    {
        var deploy = body.Deploy;
        if (deploy is not null && (!deploy.IsEmpty || body.AllocationDefault is not > 0))
        {
            var viable = await deployment.ViableNodesAsync(body.Limits.Memory, body.Limits.Disk, deploy.Locations, ct);
            if (viable.Count == 0)
            {
                throw PanelProblem.Display(Deployment.NoNodeText, "NoViableNodeException");
            }
            var picked = await deployment.PickAllocationAsync(viable, deploy, [], ct);
            return (viable.First(n => n.Id == picked.NodeId), picked, []);
        }
        if (body.AllocationDefault is not { } defaultId)
        {
            throw PanelProblem.Field("allocation.default", "required", "The allocation.default field is required.");
        }
        var primary = await db.Allocations.AsNoTracking().Include(a => a.Node).FirstOrDefaultAsync(a => a.Id == defaultId && a.ServerId == null, ct)
            ?? throw PanelProblem.Field("allocation.default", "exists", "The selected allocation.default is invalid.");
        var extra = new List<Allocation>();
        foreach (var (id, i) in (body.AllocationAdditional ?? []).Where(id => id != defaultId).Distinct().Select((id, i) => (id, i)))
        {
            // Another node's allocation is as unknown as a missing one.
            extra.Add(await db.Allocations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.NodeId == primary.NodeId && a.ServerId == null, ct)
                ?? throw PanelProblem.Field($"allocation.additional.{i}", "exists", $"The selected allocation.additional.{i} is invalid."));
        }
        return (primary.Node!, primary, extra);
    }

    /// <returns>null when an allocation was claimed by someone else meanwhile (everything rolled back)</returns>
    private async Task<GameServer?> TryWriteAsync(ServerCreate body, int eggId, int ownerId, PanelNode node, Allocation primary, List<Allocation> additional,
        List<EggVariable> variables, Dictionary<int, string> values, CancellationToken ct)
    {
        var uuid = await NewUuidAsync(ct);
        var now = time.GetUtcNow();
        var server = new GameServer
        {
            Uuid = uuid,
            Identifier = ServerService.Identifier(uuid),
            Name = body.Name,
            Description = body.Description ?? "",
            ExternalId = body.ExternalId,
            OwnerId = ownerId,
            NodeId = node.Id,
            EggId = eggId,
            Status = InstallingStatus,
            SkipScripts = body.SkipScripts,
            Invocation = body.Startup,
            Image = body.DockerImage,
            MemoryMb = body.Limits.Memory,
            SwapMb = body.Limits.Swap,
            DiskMb = body.Limits.Disk,
            Io = body.Limits.Io,
            CpuPercent = body.Limits.Cpu,
            Threads = body.Limits.Threads,
            OomDisabled = body.OomDisabled,
            DatabaseLimit = body.FeatureLimits.Databases,
            BackupLimit = body.FeatureLimits.Backups,
            AllocationLimit = body.FeatureLimits.Allocations,
            EnvironmentJson = Json.Write(variables.ToDictionary(v => v.EnvVariable, v => values[v.Id])),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Servers.Add(server);
        await db.SaveChangesAsync(ct);
        foreach (var allocation in additional.Prepend(primary))
        {
            if (!await allocations.ClaimAsync(allocation.Id, node.Id, server.Id, ct))
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return null;
            }
        }
        server.AllocationId = primary.Id;
        foreach (var v in variables)
        {
            db.ServerVariables.Add(new ServerVariable { ServerId = server.Id, VariableId = v.Id, Value = values[v.Id] });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return server;
    }

    private async Task TellNodeAsync(GameServer server, PanelNode node, bool startOnCompletion, CancellationToken ct)
    {
        var failure = await nodeCalls.CallAsync(node, "POST", "/api/servers", Json.Write(new CreateServerRequest(server.Uuid.ToString(), startOnCompletion)), ignoreNotFound: false, ct);
        if (failure is null)
        {
            return;
        }
        // Pterodactyl's behaviour, which billing modules retry on: the server is gone again, its allocations free.
        db.ChangeTracker.Clear();
        await db.Allocations.Where(a => a.ServerId == server.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.ServerId, (int?)null), CancellationToken.None);
        await db.Servers.Where(s => s.Id == server.Id).ExecuteDeleteAsync(CancellationToken.None);
        throw failure;
    }

    /// <summary>
    /// A raw-command server (no egg, no allocation: the operator CLI's <c>server:create</c> and <c>aerie up</c>'s
    /// demo). Those run where the node may not be up yet, so the node learns of it through the outbox, committed
    /// with the row, instead of a call the command would have to wait for.
    /// </summary>
    public async Task<GameServer> CreateRawAsync(ServerRequest body, CancellationToken ct)
    {
        var owner = await db.Users.FirstOrDefaultAsync(u => u.Uuid == (body.OwnerUuid ?? Guid.Empty), ct) ?? throw PanelProblem.Invalid("The owner does not name a user.");
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == (body.NodeId ?? -1), ct) ?? throw PanelProblem.Invalid("The node does not name a node.");
        var uuid = await NewUuidAsync(ct);
        var server = new GameServer
        {
            Uuid = uuid,
            Identifier = ServerService.Identifier(uuid),
            Name = "",
            Invocation = "",
            // The operator CLI's and the demo's servers run what is already on the machine: nothing to install.
            SkipScripts = true,
            OwnerId = owner.Id,
            Owner = owner,
            NodeId = node.Id,
            Node = node,
            CreatedAt = time.GetUtcNow(),
            UpdatedAt = time.GetUtcNow(),
        };
        ServerService.Apply(server, body with { Name = body.Name ?? "", Invocation = body.Invocation ?? "" });
        db.Servers.Add(server);
        outbox.Created(server);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return server;
    }

    /// <summary>A new UUID whose first 8 hex characters (the identifier) no server has.</summary>
    private async Task<Guid> NewUuidAsync(CancellationToken ct)
    {
        var uuid = Guid.NewGuid();
        while (await db.Servers.AnyAsync(s => s.Identifier == ServerService.Identifier(uuid), ct))
        {
            uuid = Guid.NewGuid();
        }
        return uuid;
    }

    [GeneratedRegex(@"^~?[\w./\-:@ ]*$")]
    private static partial Regex DockerImage();
}
