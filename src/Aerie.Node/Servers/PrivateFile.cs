namespace Aerie.Node.Servers;

/// <summary>Opens the daemon's audit files readable by the node's user only (0600, folder 0700) from creation:
/// they hold who ran which command from which address.</summary>
internal static class PrivateFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static FileStream Open(string path, FileMode mode, FileAccess access)
    {
        var folder = Path.GetDirectoryName(path)!;
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.Read };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.UnixCreateMode = OwnerOnly;
        }
        return new FileStream(path, options);
    }
}
