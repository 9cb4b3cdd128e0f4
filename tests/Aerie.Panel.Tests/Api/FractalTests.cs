using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Aerie.Panel.Tests.Api;

/// <summary>The Fractal envelope, relationships inside attributes, pagination meta and links (spec 04 §1.3).</summary>
public sealed class FractalTests
{
    private sealed record Thing(int Id, string Name, IReadOnlyList<Thing> Parts);

    private sealed class ThingTransformer : Transformer<Thing>
    {
        public static readonly ThingTransformer Instance = new();

        public override string ObjectName => "thing";

        protected override IReadOnlyList<Relation<Thing>> Relations =>
        [
            new("parts", (t, inner) => List(t.Parts, inner)),
            new("secret", (_, _) => Fractal.Null()),
            new("always", (t, _) => Fractal.Item("marker", new JsonObject { ["of"] = t.Id }), Default: true),
        ];

        protected override JsonObject Attributes(Thing item) => new() { ["id"] = item.Id, ["name"] = item.Name };
    }

    private static readonly Thing Sample = new(1, "one", [new Thing(2, "two", [new Thing(3, "three", [])])]);

    [Fact]
    public void Item_HasObjectAttributesAndDefaultRelationship()
    {
        var json = ThingTransformer.Instance.Item(Sample);
        Assert.Equal("""{"object":"thing","attributes":{"id":1,"name":"one","relationships":{"always":{"object":"marker","attributes":{"of":1}}}}}""", json.ToJsonString());
    }

    [Fact]
    public void Include_NestsInsideAttributes_UnknownIgnored()
    {
        var json = ThingTransformer.Instance.Item(Sample, Includes.Parse(["parts.parts", "nonsense", "secret"]));
        var rel = json["attributes"]!["relationships"]!;
        Assert.Equal("list", rel["parts"]!["object"]!.GetValue<string>());
        var part = rel["parts"]!["data"]![0]!;
        Assert.Equal("two", part["attributes"]!["name"]!.GetValue<string>());
        Assert.Equal("three", part["attributes"]!["relationships"]!["parts"]!["data"]![0]!["attributes"]!["name"]!.GetValue<string>());
        Assert.Equal("""{"object":"null_resource","attributes":null}""", rel["secret"]!.ToJsonString());
        Assert.Null(rel["nonsense"]);
    }

    [Fact]
    public void List_IsObjectListWithData_NoMeta()
    {
        var json = ThingTransformer.Instance.List([Sample]);
        Assert.Equal("list", json["object"]!.GetValue<string>());
        Assert.Single(json["data"]!.AsArray());
        Assert.Null(json["meta"]);
    }

    [Fact]
    public void Paginated_MetaAndLinksKeepQueryString()
    {
        var query = new QueryCollection(QueryHelpers.ParseQuery("filter[name]=a b&page=2&per_page=1&include[]=parts"));
        var links = new PageLinks("https://panel.test", "/api/client", query);
        var json = ThingTransformer.Instance.Paginated(new Page<Thing>([Sample], Total: 3, PerPage: 1, CurrentPage: 2), links);
        var pagination = json["meta"]!["pagination"]!;
        Assert.Equal(3, pagination["total"]!.GetValue<int>());
        Assert.Equal(1, pagination["count"]!.GetValue<int>());
        Assert.Equal(1, pagination["per_page"]!.GetValue<int>());
        Assert.Equal(2, pagination["current_page"]!.GetValue<int>());
        Assert.Equal(3, pagination["total_pages"]!.GetValue<int>());
        Assert.Equal("https://panel.test/api/client?filter%5Bname%5D=a%20b&per_page=1&include%5B%5D=parts&page=1", pagination["links"]!["previous"]!.GetValue<string>());
        Assert.Equal("https://panel.test/api/client?filter%5Bname%5D=a%20b&per_page=1&include%5B%5D=parts&page=3", pagination["links"]!["next"]!.GetValue<string>());
    }

    [Fact]
    public void Paginated_Empty_OnePageAndEmptyLinksObject()
    {
        var links = new PageLinks("https://panel.test", "/api/client", new QueryCollection());
        var json = ThingTransformer.Instance.Paginated(new Page<Thing>([], Total: 0, PerPage: 50, CurrentPage: 1), links);
        var pagination = json["meta"]!["pagination"]!;
        Assert.Equal(1, pagination["total_pages"]!.GetValue<int>());
        Assert.Equal(0, pagination["count"]!.GetValue<int>());
        Assert.Equal("{}", pagination["links"]!.ToJsonString());
    }

    [Fact]
    public void WithMeta_MergesBesidePagination()
    {
        var links = new PageLinks("https://panel.test", "/x", new QueryCollection());
        var json = Fractal.WithMeta(ThingTransformer.Instance.Paginated(new Page<Thing>([], 0, 10, 1), links), new JsonObject { ["secret_token"] = "abc" });
        Assert.NotNull(json["meta"]!["pagination"]);
        Assert.Equal("abc", json["meta"]!["secret_token"]!.GetValue<string>());
    }
}
