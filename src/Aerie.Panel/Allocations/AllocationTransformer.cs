using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;

namespace Aerie.Panel.Allocations;

/// <summary>The <c>allocation</c> object (spec 04 §3.1); the <c>node</c> include needs <see cref="Allocation.Node"/> loaded,
/// the <c>server</c> include the assigned servers in <paramref name="servers"/> (with their relations).</summary>
internal sealed class AllocationTransformer(IReadOnlyDictionary<int, GameServer>? servers = null, Servers.ServerRelations? relations = null) : Transformer<Allocation>
{
    public override string ObjectName => "allocation";

    protected override IReadOnlyList<Relation<Allocation>> Relations =>
    [
        new("node", (a, _) => a.Node is null ? Fractal.Null() : new NodeTransformer().Item(a.Node)),
        new("server", (a, _) => a.ServerId is { } id && servers?.GetValueOrDefault(id) is { } s && relations is not null
            ? new Servers.ServerTransformer(relations).Item(s)
            : Fractal.Null()),
    ];

    protected override JsonObject Attributes(Allocation a) => new()
    {
        ["id"] = a.Id,
        ["ip"] = a.Ip,
        ["alias"] = a.Alias,
        ["port"] = a.Port,
        ["notes"] = a.Notes,
        ["assigned"] = a.ServerId is not null,
    };
}
