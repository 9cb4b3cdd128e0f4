using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Servers;
using Aerie.Panel.Subusers;

namespace Aerie.Panel.ClientServers;

/// <summary>
/// The client API's <c>server</c> object (spec 04 §2.1) as <see cref="ClientServerData.Viewer"/> may see it. Rows need
/// <see cref="GameServer.Node"/> and <see cref="GameServer.Egg"/> loaded. <c>allocations</c> and <c>variables</c>
/// are always included; <c>egg</c> and <c>subusers</c> on request.
/// </summary>
internal sealed class ClientServerTransformer(ClientServerData data) : Transformer<GameServer>
{
    public const string AllocationRead = "allocation.read";
    public const string StartupRead = "startup.read";
    public const string UserRead = "user.read";

    public override string ObjectName => "server";

    protected override IReadOnlyList<Relation<GameServer>> Relations =>
    [
        new("allocations", (s, _) => Allocations(s), Default: true),
        new("variables", (s, _) => data.Can(s, StartupRead)
            ? ServerVariableTransformer.Instance.List((data.Variables.GetValueOrDefault(s.Id) ?? []).Where(v => v.Variable.UserViewable))
            : Fractal.Null(), Default: true),
        new("egg", (s, _) => s.Egg is null ? Fractal.Null() : ServerEggTransformer.Instance.Item(s.Egg)),
        new("subusers", (s, _) => data.Subusers is not null && data.Can(s, UserRead)
            ? SubuserTransformer.Instance.List(data.Subusers.GetValueOrDefault(s.Uuid) ?? [])
            : Fractal.Null()),
    ];

    protected override JsonObject Attributes(GameServer s)
    {
        var node = s.Node;
        var primary = PrimaryOf(s);
        return new()
        {
            ["server_owner"] = s.OwnerId == data.Viewer.Id,
            ["identifier"] = s.Identifier,
            ["internal_id"] = s.Id,
            ["uuid"] = s.Uuid.ToString(),
            ["name"] = s.Name,
            ["node"] = node?.Name ?? "",
            ["is_node_under_maintenance"] = node?.MaintenanceMode ?? false,
            ["sftp_details"] = new JsonObject
            {
                ["ip"] = node?.PublicHost ?? "",
                ["port"] = node?.DaemonSftp ?? 0,
            },
            ["description"] = s.Description,
            ["limits"] = new JsonObject
            {
                ["memory"] = s.MemoryMb,
                ["swap"] = s.SwapMb,
                ["disk"] = s.DiskMb,
                ["io"] = s.Io,
                ["cpu"] = s.CpuPercent,
                ["threads"] = s.Threads,
                ["oom_disabled"] = s.OomDisabled,
            },
            ["invocation"] = StartupInvocation.For(s, primary, data.Variables.GetValueOrDefault(s.Id), data.Can(s, StartupRead)),
            ["docker_image"] = s.Image,
            ["egg_features"] = s.Egg is null ? null : Json.Read<List<string>>(s.Egg.FeaturesJson) is { } features ? new JsonArray([.. features.Select(f => JsonValue.Create(f))]) : null,
            ["feature_limits"] = new JsonObject
            {
                ["databases"] = s.DatabaseLimit,
                ["allocations"] = s.AllocationLimit,
                ["backups"] = s.BackupLimit,
            },
            ["status"] = ServerStatuses.Of(s),
            ["is_suspended"] = s.Suspended,
            ["is_installing"] = ServerStateGate.IsInstalling(s),
            ["is_transferring"] = false,
        };
    }

    /// <summary>The <c>meta</c> of <c>GET /servers/{server}</c>: owner flag and the caller's permissions (owner <c>*</c>).</summary>
    public JsonObject Meta(GameServer s) => new()
    {
        ["is_server_owner"] = s.OwnerId == data.Viewer.Id,
        ["user_permissions"] = new JsonArray([.. data.PermissionsOf(s).Select(p => JsonValue.Create(p))]),
    };

    private Allocation? PrimaryOf(GameServer s) => data.Allocations.GetValueOrDefault(s.Id)?.FirstOrDefault(a => a.Id == s.AllocationId);

    private JsonObject Allocations(GameServer s)
    {
        if (data.Can(s, AllocationRead))
        {
            return new ClientAllocationTransformer(s.AllocationId).List(data.Allocations.GetValueOrDefault(s.Id) ?? []);
        }
        // Without allocation.read a user still learns where to connect: the primary only, its notes withheld.
        return new ClientAllocationTransformer(s.AllocationId, showNotes: false).List(PrimaryOf(s) is { } primary ? [primary] : []);
    }
}
