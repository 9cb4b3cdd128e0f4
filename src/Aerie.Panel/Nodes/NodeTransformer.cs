using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Application;
using Aerie.Panel.Data;

namespace Aerie.Panel.Nodes;

/// <summary>The <c>node</c> object (spec 04 §3.1), never the token. <c>fqdn</c>/<c>scheme</c> are the public address;
/// Aerie's own address fields ride along as extra attributes. <paramref name="used"/> gives allocated_resources.</summary>
internal sealed class NodeTransformer(IReadOnlyDictionary<int, (long Memory, long Disk)>? used = null, IReadOnlyDictionary<int, List<Allocation>>? allocations = null)
    : Transformer<PanelNode>
{
    public override string ObjectName => "node";

    protected override IReadOnlyList<Relation<PanelNode>> Relations =>
    [
        new("allocations", (n, _) => allocations is null ? Fractal.Null() : new Allocations.AllocationTransformer().List(allocations.GetValueOrDefault(n.Id) ?? [])),
    ];

    protected override JsonObject Attributes(PanelNode n)
    {
        var (memory, disk) = used?.GetValueOrDefault(n.Id) ?? (0, 0);
        return new()
        {
            ["id"] = n.Id,
            ["uuid"] = n.Uuid.ToString(),
            ["public"] = n.Public,
            ["name"] = n.Name,
            ["description"] = n.Description,
            ["location_id"] = n.LocationId,
            ["fqdn"] = n.PublicHost,
            ["scheme"] = n.PublicScheme,
            ["behind_proxy"] = n.BehindProxy,
            ["maintenance_mode"] = n.MaintenanceMode,
            ["memory"] = n.MemoryMb,
            ["memory_overallocate"] = n.MemoryOverallocate,
            ["disk"] = n.DiskMb,
            ["disk_overallocate"] = n.DiskOverallocate,
            ["upload_size"] = n.UploadSizeMb,
            ["daemon_listen"] = n.DaemonListen,
            ["daemon_sftp"] = n.DaemonSftp,
            ["daemon_base"] = n.DaemonBase,
            ["created_at"] = WireTime.Of(n.CreatedAt),
            ["updated_at"] = WireTime.Of(n.UpdatedAt),
            ["allocated_resources"] = new JsonObject { ["memory"] = memory, ["disk"] = disk },
            ["internal_url"] = n.InternalUrl,
            ["public_port"] = n.PublicPort,
        };
    }
}
