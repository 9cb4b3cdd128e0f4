using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Application;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;

namespace Aerie.Panel.Locations;

/// <summary>The <c>location</c> object (spec 04 §3.1); the <c>nodes</c> include is read from <see cref="Nodes"/> when loaded.</summary>
internal sealed class LocationTransformer(IReadOnlyDictionary<int, List<PanelNode>>? nodes = null) : Transformer<Location>
{
    public override string ObjectName => "location";

    protected override IReadOnlyList<Relation<Location>> Relations =>
    [
        new("nodes", (l, _) => nodes is null ? Fractal.Null() : new NodeTransformer().List(nodes.GetValueOrDefault(l.Id) ?? [])),
    ];

    protected override JsonObject Attributes(Location l) => new()
    {
        ["id"] = l.Id,
        ["short"] = l.Short,
        ["long"] = l.Long,
        ["updated_at"] = WireTime.Of(l.UpdatedAt),
        ["created_at"] = WireTime.Of(l.CreatedAt),
    };
}
