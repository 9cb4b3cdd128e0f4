using Aerie.Panel.Api;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Aerie.Panel.Tests.Api;

/// <summary>include= in its three spellings, filter/sort/page rules (spec 04 §1.1, §1.3, §1.4).</summary>
public sealed class QueryParsingTests
{
    private static readonly ListRules Rules = new(["email", "uuid"], ["id", "email"], DefaultPerPage: 50, MaxPerPage: 100);

    private static QueryCollection Query(string text) => new(QueryHelpers.ParseQuery(text));

    [Theory]
    [InlineData("include=egg,subusers")]
    [InlineData("include[]=egg&include[]=subusers")]
    [InlineData("include[0]=egg&include[1]=subusers")]
    [InlineData("include%5B%5D=egg&include%5B%5D=subusers")]
    [InlineData("include%5B0%5D=egg,subusers")]
    public void Include_EverySpelling_Parses(string query)
    {
        var includes = Includes.From(Query(query));
        Assert.True(includes.Has("egg"));
        Assert.True(includes.Has("subusers"));
        Assert.Equal(2, includes.Names.Count());
    }

    [Fact]
    public void Include_OtherKeys_AreNotIncludes()
    {
        var includes = Includes.From(Query("included=egg&include[x]=subusers&includes=a"));
        Assert.Empty(includes.Names);
    }

    [Fact]
    public void Include_DepthCappedAtTwo()
    {
        var includes = Includes.From(Query("include=servers.allocations.node,servers.variables"));
        var servers = includes.Child("servers");
        Assert.True(servers.Has("allocations"));
        Assert.True(servers.Has("variables"));
        Assert.Empty(servers.Child("allocations").Names);
        Assert.Same(Includes.None, includes.Child("unknown"));
    }

    [Fact]
    public void Filter_Known_SplitsCommasIntoAlternatives()
    {
        var list = ListQuery.Parse(Query("filter%5Bemail%5D=a@x.test,b@x.test&filter[uuid]="), Rules);
        Assert.Equal(["a@x.test", "b@x.test"], list.Filter("email"));
        Assert.Null(list.Filter("uuid"));
    }

    [Fact]
    public void Filter_Unknown_Is400InvalidFilterQueryNamingAllowed()
    {
        var problem = Assert.Throws<PanelProblem>(() => ListQuery.Parse(Query("filter[name]=x"), Rules));
        Assert.Equal(400, problem.Status);
        var error = Assert.Single(problem.Errors);
        Assert.Equal("InvalidFilterQuery", error.Code);
        Assert.Equal("Requested filter(s) `name` are not allowed. Allowed filter(s) are `email, uuid`.", error.Detail);
    }

    [Theory]
    [InlineData("sort=email", "email", false)]
    [InlineData("sort=-id", "id", true)]
    [InlineData("", null, false)]
    public void Sort_Known(string query, string? name, bool descending)
    {
        var list = ListQuery.Parse(Query(query), Rules);
        Assert.Equal(name, list.Sort);
        Assert.Equal(descending, list.Descending);
    }

    [Fact]
    public void Sort_Unknown_Is400InvalidSortQuery()
    {
        var problem = Assert.Throws<PanelProblem>(() => ListQuery.Parse(Query("sort=-name"), Rules));
        Assert.Equal(400, problem.Status);
        Assert.Equal("InvalidSortQuery", problem.Errors[0].Code);
        Assert.Equal("Requested sort(s) `name` is not allowed. Allowed sort(s) are `id, email`.", problem.Errors[0].Detail);
    }

    [Theory]
    [InlineData("", 1, 50)]
    [InlineData("page=3&per_page=10", 3, 10)]
    [InlineData("per_page=1000", 1, 100)]
    [InlineData("page=0&per_page=0", 1, 50)]
    [InlineData("page=x&per_page=-4", 1, 50)]
    [InlineData("per_page=abc", 1, 50)]
    public void Paging_DefaultsAndCaps(string query, int page, int perPage)
    {
        var list = ListQuery.Parse(Query(query), Rules);
        Assert.Equal(page, list.PageNumber);
        Assert.Equal(perPage, list.PerPage);
    }
}
