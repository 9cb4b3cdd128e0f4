namespace Aerie.Node.Files.Archives;

/// <summary>What one extraction created that did not exist before (files and every folder on their way), so a failed
/// extraction can remove exactly that and nothing the server had.</summary>
internal sealed class CreatedEntries(ServerFileSystem files)
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly List<string> created = [];

    /// <summary>Call before creating <paramref name="target"/>: notes each missing folder on its way (and the target).</summary>
    public void Before(List<string> target, bool includeLast)
    {
        var upTo = includeLast ? target.Count : target.Count - 1;
        for (var i = 1; i <= upTo; i++)
        {
            var path = ConfinedPath.Join(target.Take(i));
            if (seen.Add(path) && !files.Exists(path))
            {
                created.Add(path);
            }
        }
    }

    /// <summary>Removes what was created, deepest first; returns how many entries it removed.</summary>
    public int Remove()
    {
        var removed = 0;
        foreach (var path in Enumerable.Reverse(created))
        {
            try
            {
                files.Delete(path);
                removed++;
            }
            catch (ConfinedFileException)
            {
                // never written (the failure came first) or already gone
            }
        }
        return removed;
    }
}
