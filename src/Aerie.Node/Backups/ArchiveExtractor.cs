using System.Formats.Tar;
using System.IO.Compression;
using Aerie.Node.Files;
using Aerie.Node.Servers;

namespace Aerie.Node.Backups;

/// <summary>
/// Extracts a backup archive into a server root through the node's one confined, quota-checked writer
/// (<see cref="ServerFileSystem"/>, spec 06; the egg denylist is not applied, as a backup holds everything): the root
/// emptied first when asked; folders made with their mode; files written with mode and mtime, counted against the
/// disk limit; symlinks recreated only when their target resolves inside the root (Wings writes them as empty files),
/// else skipped with a notice; other entry types skipped. Entry paths are cleaned and cannot climb out of the root.
/// </summary>
internal sealed class ArchiveExtractor(IServerFileOwners owners)
{
    public async Task ExtractAsync(GameServer server, Stream archive, bool truncate, RestoreProgress progress, CancellationToken ct)
    {
        var files = new ServerFileSystem(server.WorkingDirectory, owners.For(server.Uuid), denylist: null, server.Quota);
        if (truncate)
        {
            foreach (var entry in files.List(""))
            {
                files.Delete(entry.Name);
            }
        }
        await using var gzip = new GZipStream(archive, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            var components = ConfinedPath.Parse(entry.Name);
            if (components.Count == 0)
            {
                continue; // "./": the root itself
            }
            var path = ConfinedPath.Join(components);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    ReplaceUnlessDirectory(files, path);
                    files.CreateDirectory(path);
                    files.Chmod(path, (uint)entry.Mode);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    ReplaceUnlessRegular(files, path);
                    await files.WriteAsync(path, entry.DataStream ?? Stream.Null, entry.Length,
                        new FileWriteOptions((uint)entry.Mode, entry.ModificationTime), ct);
                    files.Chmod(path, (uint)entry.Mode);
                    break;
                case TarEntryType.SymbolicLink:
                    if (!RestoredLink.TryCreate(files, components, entry.LinkName))
                    {
                        progress.Skipped(path, "its link leads out of the server folder");
                        continue;
                    }
                    break;
                default:
                    continue; // hard links, devices, fifos: nothing a server needs back
            }
            progress.Entry(path);
        }
    }

    /// <summary>An entry of another kind in the way (a link or file where a folder goes) is removed first.</summary>
    private static void ReplaceUnlessDirectory(ServerFileSystem files, string path)
    {
        if (Existing(files, path) is { IsDirectory: false })
        {
            files.Delete(path);
        }
    }

    private static void ReplaceUnlessRegular(ServerFileSystem files, string path)
    {
        if (Existing(files, path) is { IsRegular: false })
        {
            files.Delete(path);
        }
    }

    private static FileEntry? Existing(ServerFileSystem files, string path)
    {
        try
        {
            return files.Stat(path, followLinks: false);
        }
        catch (ConfinedFileException e) when (e.Problem == FileProblem.NotFound)
        {
            return null;
        }
    }
}
