using System.Linq.Expressions;

namespace Aerie.Panel.Api;

/// <summary>
/// The two filter kinds of spec 04 §1.4 as EF-translatable predicates: a case-insensitive substring match
/// and an exact match, each OR-ed over the values. Lower-casing both sides works on SQLite and PostgreSQL alike.
/// </summary>
internal static class QueryFilters
{
    public static IQueryable<T> WhereContainsAny<T>(this IQueryable<T> source, Expression<Func<T, string?>> field, IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return source;
        }
        var row = field.Parameters[0];
        var lowered = Expression.Call(Expression.Coalesce(field.Body, Expression.Constant("")), typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
        Expression? any = null;
        foreach (var value in values)
        {
            var test = Expression.Call(lowered, typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!, Expression.Constant(value.ToLowerInvariant()));
            any = any is null ? test : Expression.OrElse(any, test);
        }
        return source.Where(Expression.Lambda<Func<T, bool>>(any!, row));
    }

    public static IQueryable<T> WhereEqualsAny<T>(this IQueryable<T> source, Expression<Func<T, string?>> field, IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return source;
        }
        var list = values.ToList();
        var row = field.Parameters[0];
        var contains = Expression.Call(Expression.Constant(list), typeof(List<string>).GetMethod(nameof(List<string>.Contains))!, field.Body);
        return source.Where(Expression.Lambda<Func<T, bool>>(contains, row));
    }
}
