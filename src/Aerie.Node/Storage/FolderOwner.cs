using System.Runtime.InteropServices;
using Aerie.Node.Environments;

namespace Aerie.Node.Storage;

/// <summary>
/// Hands a server's folder and everything in it to the user its game runs as (a sandbox uid or the container
/// user), before each start: nothing of that server runs then, so no game can swap a folder for a link mid-walk,
/// and the game can write files the daemon (as root) or a previous user left there. Links are changed themselves
/// (lchown) and never followed or entered: a game that planted <c>link -> /etc</c> must not be handed the host's files.
/// </summary>
internal static partial class FolderOwner
{
    public static void Give(string folder, uint uid, uint gid)
    {
        Change(folder, uid, gid);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        var entries = new System.IO.Enumeration.FileSystemEnumerable<string>(folder, (ref e) => e.ToFullPath(), options)
        {
            // Only real directories: a link to a directory is changed but not entered.
            ShouldRecursePredicate = (ref e) => e.IsDirectory && (e.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        foreach (var path in entries)
        {
            Change(path, uid, gid);
        }
    }

    private static void Change(string path, uint uid, uint gid)
    {
        if (Lchown(path, uid, gid) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            // ENOENT: a file removed while we walked (the game is stopped, so only the daemon itself could).
            if (errno != 2)
            {
                throw new EnvironmentException($"cannot give {path} to the server's user {uid}:{gid}: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Lchown(string path, uint owner, uint group);
}
