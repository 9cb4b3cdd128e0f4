using System.Runtime.InteropServices;
using Aerie.Node.Files;

namespace Aerie.Node.Backups;

/// <summary>A symlink from an archive, recreated (<c>symlinkat</c> in the folder the confined walk opened) only when its
/// target resolves inside the server root, lexically from the link's folder (spec 07 §5 step 4).</summary>
internal static partial class RestoredLink
{
    public static bool TryCreate(ServerFileSystem files, IReadOnlyList<string> components, string target)
    {
        if (!StaysInside(files.Root, components, target))
        {
            return false;
        }
        var path = ConfinedPath.Join(components);
        try
        {
            if (files.Stat(path, followLinks: false) is not null)
            {
                files.Delete(path);
            }
        }
        catch (ConfinedFileException e) when (e.Problem == FileProblem.NotFound)
        {
            // nothing in the way
        }
        using var located = ConfinedWalk.Locate(files.Root, components, followLast: false, createParents: true, files.Owner);
        if (SymlinkAt(target, located.Folder, located.Name) != 0)
        {
            throw ConfinedFileException.FromErrno(path, "cannot create the link", Marshal.GetLastPInvokeError());
        }
        return true;
    }

    public static bool StaysInside(string root, IReadOnlyList<string> components, string target)
    {
        if (target.Length == 0 || target.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }
        if (target.StartsWith('/'))
        {
            var trimmed = root.TrimEnd('/');
            return target == trimmed || target.StartsWith(trimmed + "/", StringComparison.Ordinal);
        }
        return ConfinedPath.Normalize(components.Take(components.Count - 1), target.Split('/')) is not null;
    }

    [LibraryImport("libc", EntryPoint = "symlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SymlinkAt(string target, int newDirFd, string linkPath);
}
