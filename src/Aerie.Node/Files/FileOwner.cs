namespace Aerie.Node.Files;

/// <summary>The user a server's game runs as: what the node creates in its folder is handed to it (spec 06 §5), so the
/// game can always change what the file manager wrote.</summary>
internal readonly record struct FileOwner(uint Uid, uint Gid)
{
    /// <summary>Gives the open file or folder to the owner. A node not running as root cannot give files away, and
    /// then writes them as itself, which is the game's user too (no sandbox user to switch to).</summary>
    public static void Apply(FileOwner? owner, int fd, string path)
    {
        if (owner is not { } o || NativeFiles.GetEuid() != 0)
        {
            return;
        }
        if (NativeFiles.FChown(fd, o.Uid, o.Gid) != 0)
        {
            throw ConfinedFileException.FromErrno(path, "cannot give it to the server's user", NativeFiles.LastError);
        }
    }
}
