using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Application;

namespace Aerie.Panel.Eggs;

/// <summary>The <c>nest</c> object (spec 04 §3.1); the <c>eggs</c> include reads <paramref name="eggs"/> when loaded.</summary>
internal sealed class NestTransformer(IReadOnlyDictionary<int, List<Egg>>? eggs = null) : Transformer<Nest>
{
    public override string ObjectName => "nest";

    protected override IReadOnlyList<Relation<Nest>> Relations =>
    [
        new("eggs", (n, _) => eggs is null ? Fractal.Null() : new EggTransformer().List(eggs.GetValueOrDefault(n.Id) ?? [])),
    ];

    protected override JsonObject Attributes(Nest n) => new()
    {
        ["id"] = n.Id,
        ["uuid"] = n.Uuid.ToString(),
        ["author"] = n.Author,
        ["name"] = n.Name,
        ["description"] = n.Description,
        ["created_at"] = WireTime.Of(n.CreatedAt),
        ["updated_at"] = WireTime.Of(n.UpdatedAt),
    };
}
