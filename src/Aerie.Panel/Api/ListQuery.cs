using System.Globalization;
using System.Linq.Expressions;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Api;

/// <summary>
/// <c>filter[x]</c>, <c>sort=±x</c>, <c>page</c> and <c>per_page</c> of a list request (spec 04 §1.4), checked
/// against the endpoint's <see cref="ListRules"/>: an unknown filter or sort is a 400 naming the allowed ones.
/// </summary>
internal sealed class ListQuery
{
    private ListQuery(Dictionary<string, IReadOnlyList<string>> filters, string? sort, bool descending, int page, int perPage)
    {
        Filters = filters;
        Sort = sort;
        Descending = descending;
        PageNumber = page;
        PerPage = perPage;
    }

    /// <summary>Filter name → the values it matches (a comma in the value means OR); empty values are dropped.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; }

    /// <summary>The sort name without its sign, or null for the default order.</summary>
    public string? Sort { get; }

    public bool Descending { get; }

    public int PageNumber { get; }

    public int PerPage { get; }

    public IReadOnlyList<string>? Filter(string name) => Filters.TryGetValue(name, out var values) ? values : null;

    /// <exception cref="PanelProblem">400 InvalidFilterQuery / InvalidSortQuery</exception>
    public static ListQuery Parse(IQueryCollection query, ListRules rules)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var (key, raw) in query)
        {
            if (!key.StartsWith("filter[", StringComparison.Ordinal) || !key.EndsWith(']'))
            {
                continue;
            }
            var name = key["filter[".Length..^1];
            if (!rules.Filters.Contains(name, StringComparer.Ordinal))
            {
                unknown.Add(name);
                continue;
            }
            var values = raw.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (values.Count > 0)
            {
                filters[name] = values;
            }
        }
        if (unknown.Count > 0)
        {
            throw new PanelProblem(400,
                $"Requested filter(s) `{string.Join(", ", unknown)}` are not allowed. Allowed filter(s) are `{string.Join(", ", rules.Filters)}`.",
                ApiErrorCodes.InvalidFilter);
        }
        var (sort, descending) = ParseSort(query["sort"].ToString(), rules);
        var page = Positive(query["page"].ToString()) ?? 1;
        var perPage = Math.Min(Positive(query["per_page"].ToString()) ?? rules.DefaultPerPage, rules.MaxPerPage);
        return new ListQuery(filters, sort, descending, page, perPage);
    }

    /// <summary>Counts, then reads this page of <paramref name="source"/> (already filtered and ordered).</summary>
    public async Task<Page<T>> PageAsync<T>(IQueryable<T> source, CancellationToken ct)
    {
        var total = await source.CountAsync(ct);
        var skip = (long)(PageNumber - 1) * PerPage;
        var items = skip >= total ? [] : await source.Skip((int)skip).Take(PerPage).ToListAsync(ct);
        return new Page<T>(items, total, PerPage, PageNumber);
    }

    /// <summary>Orders by <paramref name="key"/> in the requested direction.</summary>
    public IOrderedQueryable<T> Order<T, TKey>(IQueryable<T> source, Expression<Func<T, TKey>> key) =>
        Descending ? source.OrderByDescending(key) : source.OrderBy(key);

    private static (string? Sort, bool Descending) ParseSort(string text, ListRules rules)
    {
        if (text.Length == 0)
        {
            return (null, false);
        }
        var descending = text.StartsWith('-');
        var name = descending ? text[1..] : text;
        if (!rules.Sorts.Contains(name, StringComparer.Ordinal))
        {
            throw new PanelProblem(400,
                $"Requested sort(s) `{name}` is not allowed. Allowed sort(s) are `{string.Join(", ", rules.Sorts)}`.",
                ApiErrorCodes.InvalidSort);
        }
        return (name, descending);
    }

    /// <summary>A whole number ≥ 1, or null (absent, &lt; 1 or not a number: the caller's default).</summary>
    private static int? Positive(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;
}
