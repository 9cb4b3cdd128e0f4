using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Api;

/// <summary>
/// The relationships a caller asked for with <c>?include=</c>, as a tree (<c>servers.allocations</c> is
/// <c>servers</c> with the child <c>allocations</c>). Nesting deeper than <see cref="MaxDepth"/> is cut, as
/// Fractal does; names a transformer does not offer are simply never looked up, so they are ignored.
/// </summary>
internal sealed class Includes
{
    public const int MaxDepth = 2;

    public static readonly Includes None = new();

    private readonly Dictionary<string, Includes> children = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => children.Keys;

    public bool Has(string name) => children.ContainsKey(name);

    /// <summary>What was asked for under <paramref name="name"/> (<see cref="None"/> when nothing).</summary>
    public Includes Child(string name) => children.TryGetValue(name, out var child) ? child : None;

    public static Includes From(IQueryCollection query) => Parse(QueryArrays.Values(query, "include"));

    public static Includes Parse(IEnumerable<string> paths)
    {
        var root = new Includes();
        foreach (var path in paths)
        {
            var node = root;
            foreach (var name in path.Split('.', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(MaxDepth))
            {
                if (!node.children.TryGetValue(name, out var child))
                {
                    child = new Includes();
                    node.children[name] = child;
                }
                node = child;
            }
        }
        return root;
    }
}
