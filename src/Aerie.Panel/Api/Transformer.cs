using System.Text.Json.Nodes;

namespace Aerie.Panel.Api;

/// <summary>
/// One resource's wire form, defined once: its Fractal <c>object</c> name, its attributes and the
/// relationships it offers. Relationships go inside <c>attributes.relationships</c> (where Paymenter and
/// WHMCS read them), in the order offered.
/// </summary>
internal abstract class Transformer<T>
{
    public abstract string ObjectName { get; }

    protected virtual IReadOnlyList<Relation<T>> Relations => [];

    protected abstract JsonObject Attributes(T item);

    public JsonObject Item(T item, Includes? includes = null)
    {
        includes ??= Includes.None;
        var attributes = Attributes(item);
        JsonObject? relationships = null;
        foreach (var relation in Relations)
        {
            if (relation.Default || includes.Has(relation.Name))
            {
                relationships ??= [];
                relationships[relation.Name] = relation.Build(item, includes.Child(relation.Name));
            }
        }
        if (relationships is not null)
        {
            attributes["relationships"] = relationships;
        }
        return Fractal.Item(ObjectName, attributes);
    }

    public JsonObject List(IEnumerable<T> items, Includes? includes = null) => Fractal.List(items.Select(i => Item(i, includes)));

    /// <summary>A paginated list; <paramref name="links"/> builds the previous/next URLs.</summary>
    public JsonObject Paginated(Page<T> page, PageLinks links, Includes? includes = null)
    {
        var document = List(page.Items, includes);
        document["meta"] = new JsonObject { ["pagination"] = page.Pagination(links) };
        return document;
    }
}
