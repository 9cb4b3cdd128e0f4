using System.Runtime.InteropServices;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>Gives a server folder and everything in it to the server's user, before its game starts (nothing of
/// that server runs then, so no game can swap a folder for a symlink mid-walk). Symlinks are changed themselves
/// (lchown), never followed, and the walk does not descend into them.</summary>
internal static partial class FolderOwner
{
    public static void Give(string folder, SandboxUser user)
    {
        Change(folder, user);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", options))
        {
            Change(entry, user);
        }
    }

    private static void Change(string path, SandboxUser user)
    {
        if (Lchown(path, (uint)user.Uid, (uint)user.Gid) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            // ENOENT: a file removed while we walked.
            if (errno != 2)
            {
                throw new EnvironmentException($"cannot give {path} to the server's user {user.Uid}: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Lchown(string path, uint owner, uint group);
}
