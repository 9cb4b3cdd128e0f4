namespace Aerie.Node.Storage;

/// <summary>Folders (0700) and files (0600) that only the daemon's or the panel's own user can read, private from
/// the moment they exist: the mode goes to mkdir/open itself, never a chmod after writing, and a umask can only
/// narrow it further. A folder or file found wider (made by an older version, restored from a copy) is narrowed,
/// not refused: it is ours, and refusing would stop a node or panel over something it can fix on its own.</summary>
internal static class PrivateFiles
{
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> 0700, or narrows it to 0700. Missing parents get the default mode: they
    /// may hold what is not ours (the data root holds the servers' folders, which the games need).</summary>
    public static string CreateFolder(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return full;
        }
        if (Path.GetDirectoryName(full) is { } parent)
        {
            Directory.CreateDirectory(parent);
        }
        var info = Directory.CreateDirectory(full, OwnerOnlyFolder);
        if ((info.UnixFileMode & ~OwnerOnlyFolder) != 0)
        {
            info.UnixFileMode = OwnerOnlyFolder;
        }
        return full;
    }

    /// <summary>Opens a file for writing; a new one is created 0600, an existing one wider than 0600 is narrowed first.</summary>
    public static FileStream OpenWrite(string path, FileMode mode, FileShare share = FileShare.Read) => Open(path, mode, FileAccess.Write, share);

    /// <summary>Opens a file in a private folder (both created private, see <see cref="CreateFolder"/>): the audit
    /// files, which hold who ran which command from which address.</summary>
    public static FileStream OpenInPrivateFolder(string path, FileMode mode, FileAccess access)
    {
        CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return Open(path, mode, access, FileShare.Read);
    }

    private static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
            Narrow(path);
        }
        return new FileStream(path, options);
    }

    /// <summary>Narrows an existing file wider than 0600 to 0600; a missing file is left missing.</summary>
    public static void Narrow(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & ~OwnerOnlyFile) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnlyFile);
        }
    }

    /// <summary>Creates an empty 0600 file unless it exists (narrowed then), so a library that creates it with its own
    /// mode (SQLite: 0644) finds it already private.</summary>
    public static void EnsureFile(string path) => OpenWrite(path, FileMode.OpenOrCreate, FileShare.ReadWrite).Dispose();

    /// <summary>Replaces <paramref name="path"/> atomically (a 0600 temp file renamed over it): readers see the old or the new text.</summary>
    public static void ReplaceText(string path, string text)
    {
        var temp = path + ".tmp";
        using (var writer = new StreamWriter(OpenWrite(temp, FileMode.Create), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            writer.Write(text);
        }
        File.Move(temp, path, overwrite: true);
    }
}
