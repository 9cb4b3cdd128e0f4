using System.Text.Json.Nodes;

namespace Aerie.Panel.Api;

/// <summary>
/// Pterodactyl's Fractal envelope (spec 04 §1.3): an item is <c>{object, attributes}</c>, a list is
/// <c>{object: "list", data}</c>, a hidden include is a null resource, extra <c>meta</c> sits beside them.
/// </summary>
internal static class Fractal
{
    public const string ListObject = "list";
    public const string NullObject = "null_resource";

    public static JsonObject Item(string objectName, JsonObject attributes) => new()
    {
        ["object"] = objectName,
        ["attributes"] = attributes,
    };

    public static JsonObject List(IEnumerable<JsonObject> items) => new()
    {
        ["object"] = ListObject,
        ["data"] = new JsonArray([.. items]),
    };

    /// <summary>For an include the caller may not see; never a top-level answer (pterojs throws on one).</summary>
    public static JsonObject Null() => new()
    {
        ["object"] = NullObject,
        ["attributes"] = null,
    };

    /// <summary>Merges <paramref name="meta"/> into the document's <c>meta</c> (beside pagination when both).</summary>
    public static JsonObject WithMeta(JsonObject document, JsonObject meta)
    {
        if (document["meta"] is not JsonObject existing)
        {
            existing = [];
            document["meta"] = existing;
        }
        foreach (var (key, value) in meta.ToList())
        {
            meta.Remove(key);
            existing[key] = value;
        }
        return document;
    }
}
