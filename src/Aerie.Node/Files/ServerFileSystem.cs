using Microsoft.Win32.SafeHandles;
using static Aerie.Node.Files.NativeFiles;

namespace Aerie.Node.Files;

/// <summary>
/// A server's files, confined to its root (spec 06 §5): every call cleans the path, walks it from a handle on the
/// root without following a link out (<see cref="ConfinedWalk"/>), checks the egg denylist on the path asked and on
/// the path reached, and acts with *at calls on the handle it holds. Reads follow links that stay inside; write,
/// delete, rename and chmod never follow the last component. What the node creates belongs to <see cref="Owner"/>;
/// what it writes is counted against <see cref="Quota"/>. Paths are relative to the root, a leading <c>/</c> optional.
/// </summary>
internal sealed class ServerFileSystem(string root, FileOwner? owner = null, Denylist? denylist = null, DiskQuota? quota = null)
{
    private const uint FolderMode = 0b111_101_101; // 0755

    public string Root { get; } = Path.GetFullPath(root);

    public FileOwner? Owner { get; } = owner;

    public Denylist Denylist { get; } = denylist ?? Denylist.Empty;

    public DiskQuota Quota { get; } = quota ?? DiskQuota.Unlimited(root);

    /// <summary>The entry at <paramref name="path"/> (named by its base name); a link's own metadata unless
    /// <paramref name="followLinks"/>.</summary>
    public FileEntry Stat(string path, bool followLinks = true)
    {
        var components = ConfinedPath.Parse(path);
        using var located = ConfinedWalk.Locate(Root, components, followLinks);
        var entry = FileEntry.Read(located.Folder, located.Name, components.Count == 0 ? "" : components[^1])
            ?? throw NotFound(path);
        return entry.IsRegular ? entry with { Mime = Sniff(located.Folder, located.Name) } : entry with { Mime = MimeOf(entry) };
    }

    /// <summary>True when <paramref name="path"/> names nothing (links not followed).</summary>
    public bool Exists(string path)
    {
        try
        {
            return Stat(path, followLinks: false) is not null;
        }
        catch (ConfinedFileException e) when (e.Problem is FileProblem.NotFound or FileProblem.OutsideRoot or FileProblem.NotDirectory)
        {
            return false;
        }
    }

    /// <summary>The entries of a directory with their own metadata and sniffed mime, in no particular order.</summary>
    /// <exception cref="ConfinedFileException">not found, also when <paramref name="directory"/> is a file</exception>
    public IReadOnlyList<FileEntry> List(string directory)
    {
        using var folder = OpenDirectory(ConfinedPath.Parse(directory));
        return Entries(folder.DangerousGetHandle().ToInt32(), sniff: true).ToList();
    }

    /// <summary>Opens a regular file for reading (denylist checked).</summary>
    /// <exception cref="ConfinedFileException">not found, a directory, a pipe/socket/device, or denylisted</exception>
    public OpenedFile OpenRead(string path)
    {
        var components = ConfinedPath.Parse(path);
        Guard(ConfinedPath.Join(components), isDirectory: false);
        using var located = ConfinedWalk.Locate(Root, components, followLast: true);
        if (located.IsRoot)
        {
            throw new ConfinedFileException(FileProblem.IsDirectory, "the server folder is a directory");
        }
        var before = FileEntry.Read(located.Folder, located.Name, located.Name) ?? throw NotFound(path);
        Guard(located.Path, before.IsDirectory);
        Refuse(before, path);
        // O_NONBLOCK: a pipe swapped in after the check must not hang the request; it is refused below.
        var fd = OpenAt(located.Folder, located.Name, ReadOnly | NoFollow | NonBlock | CloseOnExec, 0);
        if (fd < 0)
        {
            throw LastError is ELOOP or ENOENT ? NotFound(path) : ConfinedFileException.FromErrno(path, "cannot open", LastError);
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var entry = FileEntry.Read(fd, "", components[^1]) ?? throw NotFound(path);
            Refuse(entry, path);
            return new OpenedFile(handle, entry);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> with <c>write</c> semantics (see
    /// <see cref="FileWriter"/>): quota before and while streaming, parents 0755, new files 0644, old mode kept.</summary>
    /// <param name="length">the size announced (Content-Length, an archive entry's size), checked before writing</param>
    public Task WriteAsync(string path, Stream content, long? length, FileWriteOptions? options = null, CancellationToken ct = default) =>
        FileWriter.WriteAsync(this, path, content, length, options, ct);

    /// <summary>Moves <paramref name="from"/> to <paramref name="to"/>, creating the destination's parents.</summary>
    /// <exception cref="ConfinedFileException">source missing (not found), destination exists, either denylisted</exception>
    public void Rename(string from, string to)
    {
        var source = ConfinedPath.Parse(from);
        var target = ConfinedPath.Parse(to);
        if (source.Count == 0 || target.Count == 0)
        {
            throw TheRoot();
        }
        Guard(ConfinedPath.Join(source), isDirectory: false);
        Guard(ConfinedPath.Join(target), isDirectory: false);
        using var src = ConfinedWalk.Locate(Root, source, followLast: false);
        var entry = FileEntry.Read(src.Folder, src.Name, src.Name) ?? throw NotFound(from);
        Guard(src.Path, entry.IsDirectory);
        using var dst = ConfinedWalk.Locate(Root, target, followLast: false, createParents: true, Owner);
        Guard(dst.Path, entry.IsDirectory);
        if (RenameAt2(src.Folder, src.Name, dst.Folder, dst.Name, RenameNoReplace) == 0)
        {
            return;
        }
        var errno = LastError;
        if (errno is ENOSYS or EINVAL && FileEntry.Read(dst.Folder, dst.Name, dst.Name) is null)
        {
            // A file system without RENAME_NOREPLACE: checked, then renamed (a tiny window, only between node calls).
            errno = RenameAt(src.Folder, src.Name, dst.Folder, dst.Name) == 0 ? 0 : LastError;
        }
        else if (errno is ENOSYS or EINVAL)
        {
            errno = EEXIST;
        }
        if (errno != 0)
        {
            throw ConfinedFileException.FromErrno(to, "cannot move there", errno);
        }
    }

    /// <summary>Deletes <paramref name="path"/>, recursively, leaving denylisted entries (and the folders that still
    /// hold them) in place; a link is removed, never entered. The bytes removed are given back to the quota.</summary>
    public void Delete(string path)
    {
        var components = ConfinedPath.Parse(path);
        if (components.Count == 0)
        {
            throw TheRoot();
        }
        using var located = ConfinedWalk.Locate(Root, components, followLast: false);
        if (FileEntry.Read(located.Folder, located.Name, located.Name) is null)
        {
            throw NotFound(path);
        }
        DeleteEntry(located.Folder, located.Name, located.Path);
    }

    /// <summary>Creates the directory <paramref name="path"/> and its missing parents (0755); an existing directory is fine.</summary>
    /// <exception cref="ConfinedFileException">a file on the way (not a directory) or of that name (exists)</exception>
    public void CreateDirectory(string path)
    {
        var components = ConfinedPath.Parse(path);
        if (components.Count == 0)
        {
            return;
        }
        Guard(ConfinedPath.Join(components), isDirectory: true);
        using var located = ConfinedWalk.Locate(Root, components, followLast: false, createParents: true, Owner);
        Guard(located.Path, isDirectory: true);
        if (MkdirAt(located.Folder, located.Name, (int)FolderMode) != 0)
        {
            var errno = LastError;
            var existing = errno == EEXIST ? FileEntry.Read(located.Folder, located.Name, located.Name) : null;
            if (existing is { IsDirectory: true })
            {
                return;
            }
            throw existing is not null
                ? new ConfinedFileException(FileProblem.Exists, $"{path}: a file has that name")
                : ConfinedFileException.FromErrno(path, "cannot create the directory", errno);
        }
        var fd = OpenAt(located.Folder, located.Name, ReadOnly | NativeFiles.Directory | NoFollow | CloseOnExec, 0);
        if (fd >= 0)
        {
            using var handle = new SafeFileHandle(fd, ownsHandle: true);
            _ = FChmod(fd, FolderMode);
            FileOwner.Apply(Owner, fd, path);
        }
    }

    /// <summary>Sets the permission bits of <paramref name="path"/> (a link is not followed: it counts as missing).</summary>
    public void Chmod(string path, uint mode)
    {
        var components = ConfinedPath.Parse(path);
        if (components.Count == 0)
        {
            throw TheRoot();
        }
        Guard(ConfinedPath.Join(components), isDirectory: false);
        using var located = ConfinedWalk.Locate(Root, components, followLast: false);
        var fd = OpenAt(located.Folder, located.Name, ReadOnly | NoFollow | NonBlock | CloseOnExec, 0);
        if (fd < 0)
        {
            throw LastError is ELOOP or ENOENT ? NotFound(path) : ConfinedFileException.FromErrno(path, "cannot open", LastError);
        }
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        var entry = FileEntry.Read(fd, "", located.Name) ?? throw NotFound(path);
        Guard(located.Path, entry.IsDirectory);
        if (FChmod(fd, mode & 0xFFF) != 0)
        {
            throw ConfinedFileException.FromErrno(path, "cannot change its mode", LastError);
        }
    }

    /// <summary>Walks <paramref name="directory"/> (links not entered, <paramref name="skipFolders"/> not entered, at
    /// most <paramref name="maxDepth"/> levels) and returns up to <paramref name="max"/> entries whose name
    /// <paramref name="matches"/>, each named by its path from the server root.</summary>
    public IReadOnlyList<FileEntry> Search(string directory, Func<string, bool> matches, int maxDepth, int max, IReadOnlySet<string> skipFolders)
    {
        var start = ConfinedPath.Parse(directory);
        using var folder = OpenDirectory(start);
        var found = new List<FileEntry>();
        SearchIn(folder.DangerousGetHandle().ToInt32(), ConfinedPath.Join(start), 1, matches, maxDepth, max, skipFolders, found);
        return found;
    }

    /// <summary>Refuses a denylisted path: call before acting on a path asked for and on the path reached.</summary>
    public void Guard(string path, bool isDirectory)
    {
        if (Denylist.Denies(path, isDirectory))
        {
            throw new ConfinedFileException(FileProblem.Denylisted, $"{path}: in the egg's file denylist");
        }
    }

    private static void SearchIn(int fd, string prefix, int depth, Func<string, bool> matches, int maxDepth, int max, IReadOnlySet<string> skip, List<FileEntry> found)
    {
        foreach (var entry in Entries(fd, sniff: false).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (found.Count >= max)
            {
                return;
            }
            var path = prefix.Length == 0 ? entry.Name : prefix + "/" + entry.Name;
            if (matches(entry.Name))
            {
                found.Add(entry with { Name = path, Mime = entry.IsRegular ? Sniff(fd, entry.Name) : MimeOf(entry) });
            }
            if (entry.IsDirectory && depth < maxDepth && !skip.Contains(entry.Name))
            {
                var child = OpenAt(fd, entry.Name, ReadOnly | NativeFiles.Directory | NoFollow | CloseOnExec, 0);
                if (child >= 0)
                {
                    using var handle = new SafeFileHandle(child, ownsHandle: true);
                    SearchIn(child, path, depth + 1, matches, maxDepth, max, skip, found);
                }
            }
        }
    }

    private SafeFileHandle OpenDirectory(List<string> components)
    {
        using var located = ConfinedWalk.Locate(Root, components, followLast: true);
        var fd = OpenAt(located.Folder, located.IsRoot ? "." : located.Name, ReadOnly | NativeFiles.Directory | NoFollow | CloseOnExec, 0);
        if (fd < 0)
        {
            throw LastError is ENOENT or ENOTDIR or ELOOP ? NotFound(ConfinedPath.Join(components)) : ConfinedFileException.FromErrno(ConfinedPath.Join(components), "cannot open", LastError);
        }
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>The entries of an open folder (names through <c>/proc/self/fd</c>, so the folder is the one held).</summary>
    private static IEnumerable<FileEntry> Entries(int fd, bool sniff)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = false };
        var names = new System.IO.Enumeration.FileSystemEnumerable<string>($"/proc/self/fd/{fd}", (ref e) => e.FileName.ToString(), options);
        foreach (var name in names)
        {
            if (FileEntry.Read(fd, name, name) is not { } entry)
            {
                continue; // removed while listed
            }
            yield return sniff && entry.IsRegular ? entry with { Mime = Sniff(fd, name) } : entry with { Mime = MimeOf(entry) };
        }
    }

    private static string MimeOf(FileEntry entry) => entry.IsDirectory ? MimeSniffer.Directory : MimeSniffer.Binary;

    private static string Sniff(int folder, string name)
    {
        var fd = OpenAt(folder, name, ReadOnly | NoFollow | NonBlock | CloseOnExec, 0);
        if (fd < 0)
        {
            return MimeSniffer.Binary;
        }
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        var head = new byte[MimeSniffer.SniffBytes];
        try
        {
            var n = RandomAccess.Read(handle, head, 0);
            return MimeSniffer.Sniff(head.AsSpan(0, n));
        }
        catch (IOException)
        {
            return MimeSniffer.Binary;
        }
    }

    private void DeleteEntry(int folder, string name, string path)
    {
        var entry = FileEntry.Read(folder, name, name);
        if (entry is null || Denylist.Denies(path, entry.IsDirectory))
        {
            return;
        }
        if (entry.IsDirectory)
        {
            var fd = OpenAt(folder, name, ReadOnly | NativeFiles.Directory | NoFollow | CloseOnExec, 0);
            if (fd >= 0)
            {
                using var handle = new SafeFileHandle(fd, ownsHandle: true);
                foreach (var child in Entries(fd, sniff: false).Select(e => e.Name).ToList())
                {
                    DeleteEntry(fd, child, path + "/" + child);
                }
            }
            else if (LastError is not (ELOOP or ENOTDIR))
            {
                throw ConfinedFileException.FromErrno(path, "cannot open", LastError);
            }
            if (fd >= 0)
            {
                if (UnlinkAt(folder, name, AtRemoveDir) != 0 && LastError is not (ENOTEMPTY or EEXIST or ENOENT))
                {
                    throw ConfinedFileException.FromErrno(path, "cannot delete", LastError);
                }
                return;
            }
        }
        // A file, a link, or a folder swapped for a link after the check: the entry itself goes.
        if (UnlinkAt(folder, name, 0) != 0)
        {
            var errno = LastError;
            if (errno is EISDIR)
            {
                return; // a folder swapped in: left for a next call rather than emptied unchecked
            }
            if (errno != ENOENT)
            {
                throw ConfinedFileException.FromErrno(path, "cannot delete", errno);
            }
            return;
        }
        if (entry.IsRegular)
        {
            Quota.Release(entry.Size);
        }
    }

    private static void Refuse(FileEntry entry, string path)
    {
        if (entry.IsDirectory)
        {
            throw new ConfinedFileException(FileProblem.IsDirectory, $"{path}: a directory");
        }
        if (!entry.IsRegular)
        {
            throw new ConfinedFileException(FileProblem.UnsupportedType, $"{path}: not a regular file");
        }
    }

    /// <summary>The root cannot be renamed, deleted or chmodded: answered as outside (404), never skipped as missing.</summary>
    private static ConfinedFileException TheRoot() => new(FileProblem.OutsideRoot, "the server folder itself");

    private static ConfinedFileException NotFound(string path) => new(FileProblem.NotFound, $"{path}: not found");
}
