using System.Text;
using Microsoft.Win32.SafeHandles;
using static Aerie.Node.ConfigFiles.NativeFiles;

namespace Aerie.Node.ConfigFiles;

/// <summary>
/// A file inside a server root, reached without ever following a link out of it (spec 05 §4.2, spec 06). The path is
/// walked one folder at a time with <c>openat(O_NOFOLLOW)</c> from a handle on the root, so a link swapped in after a
/// check is still never followed blindly: a link met on the way is read (<c>readlinkat</c>), its target is allowed
/// only when it stays inside the root, and the walk starts again from the root along the target. The file is replaced
/// through a temporary file in the same folder and an atomic rename, so a crash never leaves half a config.
/// </summary>
internal sealed class ConfinedFile : IDisposable
{
    private const int MaxLinks = 40;
    private const int FolderMode = 0b111_101_101; // 0755
    private const int FileMode = 0b110_100_100; // 0644
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    private readonly int folder;
    private readonly string name;
    private readonly SafeFileHandle? file;

    private ConfinedFile(int folder, string name, SafeFileHandle? file)
    {
        this.folder = folder;
        this.name = name;
        this.file = file;
    }

    /// <summary>True when the file did not exist (it is created by <see cref="Replace"/>).</summary>
    public bool IsNew => file is null;

    /// <summary>Opens <paramref name="relative"/> under <paramref name="root"/>. Null when it is missing and
    /// <paramref name="create"/> is false; with <paramref name="create"/> missing folders are made.</summary>
    public static ConfinedFile? Open(string root, string relative, bool create)
    {
        if (relative.StartsWith('/') || relative.Split('/').Contains(".."))
        {
            throw new ConfigPathException($"{relative}: the path must stay inside the server folder");
        }
        var components = Normalize([], relative.Split('/')) ?? [];
        if (components.Count == 0)
        {
            throw new ConfigPathException($"{relative}: not a file path");
        }
        var rootPath = Path.GetFullPath(root).TrimEnd('/');
        for (var links = 0; links <= MaxLinks; links++)
        {
            var (opened, redirected) = Walk(rootPath, relative, components, create);
            if (redirected is null)
            {
                return opened;
            }
            components = redirected;
        }
        throw new ConfigPathException($"{relative}: too many links");
    }

    /// <summary>The file's text (UTF-8, else Latin-1 as old Java properties are), refused over <paramref name="maxBytes"/>.</summary>
    public string Read(long maxBytes, string relative)
    {
        if (file is null)
        {
            return "";
        }
        if (RandomAccess.GetLength(file) > maxBytes)
        {
            throw new ConfigPathException($"{relative}: larger than {maxBytes / (1024 * 1024)} MiB, not rewritten");
        }
        var bytes = new byte[RandomAccess.GetLength(file)];
        var read = 0;
        while (read < bytes.Length && RandomAccess.Read(file, bytes.AsSpan(read), read) is var n and > 0)
        {
            read += n;
        }
        bytes = bytes[..read];
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>Writes <paramref name="content"/> to a temporary file beside the original (same mode) and renames it over.</summary>
    public void Replace(string content, string relative)
    {
        var temporary = "." + name + "." + Guid.NewGuid().ToString("N") + ".aerie-tmp";
        var fd = OpenAt(folder, temporary, WriteOnly | Create | Exclusive | NoFollow | CloseOnExec, FileMode);
        if (fd < 0)
        {
            throw Failure(relative, "cannot create a temporary file", LastError);
        }
        try
        {
            using (var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write))
            {
                if (file is not null && !OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(stream.SafeFileHandle, File.GetUnixFileMode(file));
                }
                stream.Write(new UTF8Encoding(false).GetBytes(content));
                stream.Flush(flushToDisk: true);
            }
            if (RenameAt(folder, temporary, folder, name) != 0)
            {
                throw Failure(relative, "cannot replace the file", LastError);
            }
        }
        catch
        {
            _ = UnlinkAt(folder, temporary, 0);
            throw;
        }
    }

    public void Dispose()
    {
        file?.Dispose();
        _ = Close(folder);
    }

    private static (ConfinedFile? Opened, List<string>? Redirected) Walk(string rootPath, string relative, List<string> components, bool create)
    {
        var current = OpenAt(AtFdCwd, rootPath, ReadOnly | NativeFiles.Directory | CloseOnExec, 0);
        if (current < 0)
        {
            throw Failure(relative, "cannot open the server folder", LastError);
        }
        try
        {
            for (var i = 0; i < components.Count - 1; i++)
            {
                var next = OpenAt(current, components[i], ReadOnly | NativeFiles.Directory | NoFollow | CloseOnExec, 0);
                if (next < 0 && LastError == ENOENT && create)
                {
                    if (MkdirAt(current, components[i], FolderMode) != 0 && LastError != EEXIST)
                    {
                        throw Failure(relative, "cannot create a folder", LastError);
                    }
                    next = OpenAt(current, components[i], ReadOnly | NativeFiles.Directory | NoFollow | CloseOnExec, 0);
                }
                if (next < 0)
                {
                    var errno = LastError;
                    if (errno == ENOENT)
                    {
                        return (null, null);
                    }
                    return (null, Follow(current, rootPath, relative, components, i, errno));
                }
                _ = Close(current);
                current = next;
            }
            var last = components[^1];
            var fd = OpenAt(current, last, ReadOnly | NoFollow | CloseOnExec, 0);
            if (fd < 0)
            {
                var errno = LastError;
                if (errno != ENOENT)
                {
                    return (null, Follow(current, rootPath, relative, components, components.Count - 1, errno));
                }
                if (!create)
                {
                    return (null, null);
                }
            }
            var opened = new ConfinedFile(current, last, fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true));
            current = -1;
            return (opened, null);
        }
        finally
        {
            if (current >= 0)
            {
                _ = Close(current);
            }
        }
    }

    /// <summary>A component that could not be opened without following: a link whose target stays inside the root
    /// gives the path to walk instead; anything else is refused.</summary>
    private static List<string> Follow(int folder, string rootPath, string relative, List<string> components, int at, int errno)
    {
        if (errno is not (ELOOP or ENOTDIR) || ReadLink(folder, components[at]) is not { } target)
        {
            throw Failure(relative, "cannot open " + string.Join('/', components.Take(at + 1)), errno);
        }
        List<string>? resolved;
        if (target.StartsWith('/'))
        {
            resolved = target == rootPath || target.StartsWith(rootPath + "/", StringComparison.Ordinal)
                ? Normalize([], target[rootPath.Length..].Split('/'))
                : null;
        }
        else
        {
            resolved = Normalize(components.Take(at), target.Split('/'));
        }
        if (resolved is null)
        {
            throw new ConfigPathException($"{relative}: a link leads out of the server folder, refused");
        }
        resolved.AddRange(components.Skip(at + 1));
        if (resolved.Count == 0)
        {
            throw new ConfigPathException($"{relative}: not a file path");
        }
        return resolved;
    }

    private static string? ReadLink(int folder, string name)
    {
        var buffer = new byte[4096];
        var length = ReadLinkAt(folder, name, buffer, buffer.Length);
        return length < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)length);
    }

    /// <summary>Folders the prefix (already real folders) plus the parts, <c>..</c> resolved; null when it climbs out.</summary>
    private static List<string>? Normalize(IEnumerable<string> prefix, IEnumerable<string> parts)
    {
        var result = new List<string>(prefix);
        foreach (var part in parts)
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (result.Count == 0)
                {
                    return null;
                }
                result.RemoveAt(result.Count - 1);
                continue;
            }
            result.Add(part);
        }
        return result;
    }

    private static ConfigPathException Failure(string relative, string what, int errno) =>
        new($"{relative}: {what}: {Describe(errno)}");
}
