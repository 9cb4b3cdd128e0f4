using System.Runtime.InteropServices;

namespace Aerie.Node.Environments.Docker;

/// <summary>Hands a server's folder to the container user before each start, so the game can write files the
/// daemon (as root) or a previous user left there. Symbolic links are changed themselves and never followed:
/// a game that planted <c>link -> /etc</c> in its folder must not be handed the host's files.</summary>
internal static partial class FolderOwner
{
    public static void Apply(string folder, ContainerUser user)
    {
        Change(folder, user);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        var entries = new System.IO.Enumeration.FileSystemEnumerable<string>(folder, (ref e) => e.ToFullPath(), options)
        {
            // Only real directories: a link to a directory is changed but not entered.
            ShouldRecursePredicate = (ref e) => e.IsDirectory && (e.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        foreach (var path in entries)
        {
            Change(path, user);
        }
    }

    private static void Change(string path, ContainerUser user)
    {
        if (LChown(path, user.Uid, user.Gid) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            // ENOENT: removed while we walked (the game is stopped, so only the daemon's own file API could).
            if (errno != 2)
            {
                throw new EnvironmentException($"Could not give {path} to the container user {user}: errno {errno}");
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, uint owner, uint group);
}
