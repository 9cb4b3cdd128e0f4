using System.Text;
using static Aerie.Node.Files.NativeFiles;

namespace Aerie.Node.Files;

/// <summary>
/// The one confinement walk of the node (spec 06 §5, spec 05 §4.2): a path is walked one folder at a time with
/// <c>openat(O_NOFOLLOW)</c> from a handle on the server root, so a link swapped in after any check is never
/// followed blindly. A link met on the way is read (<c>readlinkat</c>); its target is allowed only when it stays
/// inside the root, and the walk starts again from the root along the target. The result is an open handle on the
/// folder that holds the last component, plus that component's name: callers act on it with *at calls only.
/// </summary>
internal static class ConfinedWalk
{
    private const int MaxLinks = 40;
    private const int FolderMode = 0b111_101_101; // 0755

    /// <param name="rootPath">the server root (absolute)</param>
    /// <param name="components">the cleaned path (<see cref="ConfinedPath.Parse"/>)</param>
    /// <param name="followLast">true: a last component that is a link inside the root is followed (reads);
    /// false: it is the entry acted on (write, delete, rename, chmod never follow it)</param>
    /// <param name="createParents">missing folders on the way are created 0755 and given to <paramref name="owner"/></param>
    /// <exception cref="ConfinedFileException">not found (also: a link out of the root), a file on the way, or refused</exception>
    public static Located Locate(string rootPath, IReadOnlyList<string> components, bool followLast, bool createParents = false, FileOwner? owner = null)
    {
        rootPath = Path.GetFullPath(rootPath).TrimEnd('/');
        var path = components.ToList();
        for (var links = 0; links <= MaxLinks; links++)
        {
            var (located, redirected) = Walk(rootPath, path, followLast, createParents, owner);
            if (located is not null)
            {
                return located;
            }
            path = redirected!;
        }
        throw new ConfinedFileException(FileProblem.OutsideRoot, $"{ConfinedPath.Join(components)}: too many links");
    }

    private static (Located?, List<string>?) Walk(string rootPath, List<string> components, bool followLast, bool create, FileOwner? owner)
    {
        var shown = ConfinedPath.Join(components);
        var current = OpenAt(AtFdCwd, rootPath, ReadOnly | NativeFiles.Directory | CloseOnExec, 0);
        if (current < 0)
        {
            throw ConfinedFileException.FromErrno(shown, "cannot open the server folder", LastError);
        }
        try
        {
            for (var i = 0; i < components.Count - 1; i++)
            {
                var next = OpenFolder(current, components[i]);
                if (next < 0 && LastError == ENOENT && create)
                {
                    next = CreateFolder(current, components[i], owner, ConfinedPath.Join(components.Take(i + 1)));
                }
                if (next < 0)
                {
                    var errno = LastError;
                    if (errno is ELOOP or ENOTDIR && ReadLink(current, components[i]) is { } target)
                    {
                        return (null, Redirect(rootPath, components, i, target));
                    }
                    throw errno == ENOTDIR
                        ? new ConfinedFileException(FileProblem.NotDirectory, $"{ConfinedPath.Join(components.Take(i + 1))}: not a directory")
                        : ConfinedFileException.FromErrno(ConfinedPath.Join(components.Take(i + 1)), "cannot open", errno);
                }
                _ = Close(current);
                current = next;
            }
            if (components.Count > 0 && followLast && ReadLink(current, components[^1]) is { } last)
            {
                return (null, Redirect(rootPath, components, components.Count - 1, last));
            }
            var located = new Located(current, components.Count == 0 ? "" : components[^1], components);
            current = -1;
            return (located, null);
        }
        finally
        {
            if (current >= 0)
            {
                _ = Close(current);
            }
        }
    }

    private static int OpenFolder(int parent, string name) => OpenAt(parent, name, ReadOnly | NativeFiles.Directory | NoFollow | CloseOnExec, 0);

    /// <summary>Makes a missing folder (another caller may make it at the same time: fine) and opens it.</summary>
    private static int CreateFolder(int parent, string name, FileOwner? owner, string shown)
    {
        var made = MkdirAt(parent, name, FolderMode) == 0;
        if (!made && LastError != EEXIST)
        {
            throw ConfinedFileException.FromErrno(shown, "cannot create the folder", LastError);
        }
        var fd = OpenFolder(parent, name);
        if (fd >= 0 && made)
        {
            _ = FChmod(fd, FolderMode); // the umask may have taken bits away
            FileOwner.Apply(owner, fd, shown);
        }
        return fd;
    }

    /// <summary>The path to walk instead when component <paramref name="at"/> is a link to <paramref name="target"/>.</summary>
    private static List<string> Redirect(string rootPath, List<string> components, int at, string target)
    {
        List<string>? resolved;
        if (target.StartsWith('/'))
        {
            resolved = target == rootPath || target.StartsWith(rootPath + "/", StringComparison.Ordinal)
                ? ConfinedPath.Normalize([], target[rootPath.Length..].Split('/'))
                : null;
        }
        else
        {
            resolved = ConfinedPath.Normalize(components.Take(at), target.Split('/'));
        }
        if (resolved is null)
        {
            throw new ConfinedFileException(FileProblem.OutsideRoot, $"{ConfinedPath.Join(components.Take(at + 1))}: a link leads out of the server folder");
        }
        resolved.AddRange(components.Skip(at + 1));
        return resolved;
    }

    /// <summary>The link's target, or null when the entry is no link.</summary>
    public static string? ReadLink(int folder, string name)
    {
        var buffer = new byte[4096];
        var length = ReadLinkAt(folder, name, buffer, buffer.Length);
        return length < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)length);
    }
}
