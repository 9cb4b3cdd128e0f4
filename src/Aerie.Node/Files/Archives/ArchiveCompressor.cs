using System.IO.Pipelines;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Files.Archives;

/// <summary>
/// <c>compress</c> (spec 06 §2): walks the given paths under <c>root</c> (links never entered nor stored, denylisted
/// entries skipped, pipes and devices skipped), streams them into a new archive in <c>root</c> named by
/// <see cref="ArchiveName"/>, and writes that archive through the one quota-checked writer, so an archive over the
/// disk limit is never placed (the writer removes its temporary file). Entries are stored relative to <c>root</c>.
/// </summary>
internal sealed class ArchiveCompressor(ServerFileSystem files, string serverUuid, ILogger logger)
{
    /// <summary>The path of the new archive (from the server root). Throws <see cref="NoValidFilesException"/> when
    /// every input was skipped.</summary>
    public async Task<string> CompressAsync(string root, IReadOnlyList<string> inputs, string? name, string? extension, DateTimeOffset now, CancellationToken ct)
    {
        var rootParts = ConfinedPath.Parse(root);
        var rootPath = ConfinedPath.Join(rootParts);
        var kind = ArchiveKind.FromExtension(extension);
        var entries = new List<(string Path, FileEntry Entry)>();
        var skipped = 0;
        foreach (var input in inputs)
        {
            var parts = ConfinedPath.Parse(rootPath + "/" + input);
            if (parts.Count <= rootParts.Count || !parts.Take(rootParts.Count).SequenceEqual(rootParts))
            {
                skipped++; // root itself, or a path leaving root: nothing to store relative to it
                continue;
            }
            Collect(ConfinedPath.Join(parts), entries, ref skipped);
        }
        if (!entries.Any(e => e.Entry.IsRegular || e.Entry.IsDirectory))
        {
            throw new NoValidFilesException();
        }

        var archiveName = ArchiveName.Choose(name, kind, now, candidate => files.Exists(Combine(rootPath, candidate)));
        var archivePath = Combine(rootPath, archiveName);
        var pipe = new Pipe();
        var produce = Task.Run(() => Produce(pipe.Writer, kind, rootParts.Count, entries), ct);
        try
        {
            await using var content = pipe.Reader.AsStream();
            await files.WriteAsync(archivePath, content, null, null, ct);
        }
        finally
        {
            await pipe.Reader.CompleteAsync();
            try
            {
                await produce;
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                // the reader went away first; its own failure is the one reported
            }
        }
        ArchiveLog.Compressed(logger, serverUuid, archivePath, entries.Count(e => e.Entry.IsRegular), skipped);
        return archivePath;
    }

    private static string Combine(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;

    /// <summary>The entry at <paramref name="path"/> and, for a folder, everything below it.</summary>
    private void Collect(string path, List<(string, FileEntry)> into, ref int skipped)
    {
        FileEntry entry;
        try
        {
            entry = files.Stat(path, followLinks: false);
        }
        catch (ConfinedFileException e) when (e.Problem is FileProblem.NotFound or FileProblem.OutsideRoot or FileProblem.NotDirectory)
        {
            skipped++;
            return;
        }
        if (files.Denylist.Denies(path, entry.IsDirectory) || !(entry.IsRegular || entry.IsDirectory) || IsTemporary(entry.Name))
        {
            skipped++;
            return;
        }
        into.Add((path, entry));
        if (!entry.IsDirectory)
        {
            return;
        }
        foreach (var child in files.List(path).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            Collect(path + "/" + child.Name, into, ref skipped);
        }
    }

    /// <summary>A writer's temporary file (this very archive while it is written, or another write under way).</summary>
    private static bool IsTemporary(string name) => name.StartsWith(".aerie-", StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal);

    private async Task Produce(PipeWriter writer, ArchiveKind kind, int rootDepth, List<(string Path, FileEntry Entry)> entries)
    {
        try
        {
            await using (var output = writer.AsStream(leaveOpen: true))
            {
                using var archive = new ArchiveWriter(output, kind);
                foreach (var (path, entry) in entries)
                {
                    var name = string.Join('/', path.Split('/').Skip(rootDepth));
                    if (entry.IsDirectory)
                    {
                        archive.AddDirectory(name, (int)entry.Permissions, entry.Modified);
                        continue;
                    }
                    try
                    {
                        using var opened = files.OpenRead(path);
                        // Seekable, as the tar writer needs the length up front.
                        using var content = new FileStream(opened.Handle, FileAccess.Read, 1, isAsync: false);
                        archive.AddFile(name, content, (int)entry.Permissions, entry.Modified);
                    }
                    catch (ConfinedFileException e) when (e.Problem is FileProblem.NotFound or FileProblem.UnsupportedType or FileProblem.IsDirectory)
                    {
                        // removed or swapped since the walk: left out
                    }
                }
            }
            await writer.CompleteAsync();
        }
        catch (Exception e)
        {
            await writer.CompleteAsync(e);
            throw;
        }
    }
}
