using MAB.DotIgnore;

namespace Aerie.Node.Files;

/// <summary>The egg's <c>file_denylist</c> (spec 06 §5): gitignore patterns (<c>*</c>, <c>**</c>, <c>?</c>,
/// <c>[...]</c>, trailing <c>/</c> for directories, leading <c>/</c> anchored, <c>!</c> re-includes) matched against
/// the path from the server root. A match on a folder covers everything below it (MAB.DotIgnore checks the parents).</summary>
internal sealed class Denylist
{
    public static readonly Denylist Empty = new([]);
    private readonly IgnoreList? list;

    public Denylist(IEnumerable<string> patterns)
    {
        var kept = patterns.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        list = kept.Count == 0 ? null : new IgnoreList(kept);
    }

    /// <param name="path">from the server root, no leading slash (<see cref="ConfinedPath.Join"/>); empty = the root</param>
    public bool Denies(string path, bool isDirectory) => list is not null && path.Length > 0 && list.IsIgnored(path, isDirectory);
}
