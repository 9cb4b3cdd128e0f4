namespace Aerie.Node.Files;

/// <summary>The <c>copy</c> route's work (spec 06 §2): a regular file is copied beside itself under the
/// <see cref="CopyNames"/> rule, through the quota-checked writer.</summary>
internal static class FileCopier
{
    /// <returns>the copy's path from the server root</returns>
    /// <exception cref="ConfinedFileException">not found (also: not a regular file), denylisted, over the quota</exception>
    public static async Task<string> CopyAsync(ServerFileSystem files, string location, DateTimeOffset now, CancellationToken ct)
    {
        var components = ConfinedPath.Parse(location);
        OpenedFile source;
        try
        {
            source = files.OpenRead(location);
        }
        catch (ConfinedFileException e) when (e.Problem is FileProblem.IsDirectory or FileProblem.UnsupportedType)
        {
            throw new ConfinedFileException(FileProblem.NotFound, $"{location}: not a regular file");
        }
        using (source)
        {
            var parent = ConfinedPath.Join(components.SkipLast(1));
            string InParent(string name) => parent.Length == 0 ? name : parent + "/" + name;
            var name = CopyNames.Next(components[^1], n => files.Exists(InParent(n)), now);
            var target = InParent(name);
            await using var stream = source.OpenStream();
            await files.WriteAsync(target, stream, source.Entry.Size, new FileWriteOptions(source.Entry.Permissions), ct);
            return target;
        }
    }
}
