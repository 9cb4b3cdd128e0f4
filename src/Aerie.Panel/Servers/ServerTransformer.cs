using System.Text.Json.Nodes;
using Aerie.Panel.Allocations;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Http;
using Aerie.Panel.Locations;
using Aerie.Panel.Nodes;
using Aerie.Panel.Users;

namespace Aerie.Panel.Servers;

/// <summary>
/// The Application API's <c>server</c> object (spec 04 §3.1) with its includes. A raw-command server (no egg:
/// the operator CLI's and <c>aerie up</c>'s) has <c>nest</c>/<c>egg</c> null, null-resource <c>nest</c>/<c>egg</c>
/// includes and no variables. <c>transfer</c> is always a null resource and <c>databases</c> an empty list
/// (neither exists in Aerie yet).
/// </summary>
internal sealed class ServerTransformer(ServerRelations relations) : Transformer<GameServer>
{
    public override string ObjectName => "server";

    protected override IReadOnlyList<Relation<GameServer>> Relations =>
    [
        new("allocations", (s, _) => new AllocationTransformer().List(relations.Allocations.GetValueOrDefault(s.Id) ?? [])),
        new("user", (s, _) => relations.Users?.GetValueOrDefault(s.OwnerId) is { } u ? new UserTransformer().Item(u) : Fractal.Null()),
        new("subusers", (s, _) => relations.Subusers is null ? Fractal.Null() : Fractal.List((relations.Subusers.GetValueOrDefault(s.Uuid) ?? []).Select(sub => Subuser(sub, s)))),
        new("nest", (s, _) => EggOf(s) is { } e && relations.Nests?.GetValueOrDefault(e.NestId) is { } n ? new NestTransformer().Item(n) : Fractal.Null()),
        new("egg", (s, _) => EggOf(s) is { } e ? new EggTransformer().Item(e) : Fractal.Null()),
        new("variables", (s, _) => relations.Variables is null ? Fractal.Null() : Fractal.List(VariablesOf(s))),
        new("location", (s, _) => relations.LocationOf(s) is { } l ? new LocationTransformer().Item(l) : Fractal.Null()),
        new("node", (s, _) => s.NodeId is { } n && relations.Nodes.GetValueOrDefault(n) is { } node ? new NodeTransformer().Item(node) : Fractal.Null()),
        new("databases", (_, _) => Fractal.List([])),
        new("transfer", (_, _) => Fractal.Null()),
    ];

    protected override JsonObject Attributes(GameServer s)
    {
        var environment = new JsonObject();
        foreach (var (key, value) in ServerEnvironments.Container(s, relations.LocationOf(s)?.Short, relations.Allocations.GetValueOrDefault(s.Id) ?? []))
        {
            environment[key] = value;
        }
        return new()
        {
            ["id"] = s.Id,
            ["external_id"] = s.ExternalId,
            ["uuid"] = s.Uuid.ToString(),
            ["identifier"] = s.Identifier,
            ["name"] = s.Name,
            ["description"] = s.Description,
            ["status"] = ServerStatuses.Of(s),
            ["suspended"] = s.Suspended,
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
            ["feature_limits"] = new JsonObject
            {
                ["databases"] = s.DatabaseLimit,
                ["allocations"] = s.AllocationLimit,
                ["backups"] = s.BackupLimit,
            },
            ["user"] = s.OwnerId,
            ["node"] = s.NodeId,
            ["allocation"] = s.AllocationId,
            ["nest"] = EggOf(s)?.NestId,
            ["egg"] = s.EggId,
            ["container"] = new JsonObject
            {
                ["startup_command"] = s.Invocation,
                ["image"] = s.Image,
                // Pterodactyl's 1|0: installed unless it is (re)installing or the install failed.
                ["installed"] = s.Status is ServerStatuses.Installing or ServerStatuses.InstallFailed ? 0 : 1,
                ["environment"] = environment,
            },
            ["updated_at"] = ApiTime.Format(s.UpdatedAt),
            ["created_at"] = ApiTime.Format(s.CreatedAt),
        };
    }

    private Egg? EggOf(GameServer s) => s.EggId is { } id ? relations.Eggs.GetValueOrDefault(id) : null;

    private IEnumerable<JsonObject> VariablesOf(GameServer s)
    {
        if (s.EggId is not { } egg || relations.Variables?.GetValueOrDefault(egg) is not { } variables)
        {
            return [];
        }
        var values = relations.Values?.GetValueOrDefault(s.Id);
        return variables.Select(v =>
        {
            var item = EggTransformer.Variable(v);
            item["object"] = "server_variable";
            var attributes = (JsonObject)item["attributes"]!;
            attributes["server_value"] = values is not null && values.TryGetValue(v.Id, out var value) ? value : v.DefaultValue;
            return item;
        });
    }

    // Aerie keeps no timestamps on subuser rows.
    private static JsonObject Subuser(Subuser sub, GameServer s) => Fractal.Item("subuser", new JsonObject
    {
        ["id"] = sub.Id,
        ["user_id"] = sub.UserId,
        ["server_id"] = s.Id,
        ["permissions"] = new JsonArray([.. (Json.Read<List<string>>(sub.PermissionsJson) ?? []).Select(p => (JsonNode)p)]),
        ["created_at"] = null,
        ["updated_at"] = null,
    });
}
