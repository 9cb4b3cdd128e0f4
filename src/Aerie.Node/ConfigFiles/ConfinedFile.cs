using System.Text;
using Aerie.Node.Files;
using Microsoft.Win32.SafeHandles;
using static Aerie.Node.Files.NativeFiles;

namespace Aerie.Node.ConfigFiles;

/// <summary>
/// A config file inside a server root, reached with the node's one confined walk (<see cref="ConfinedWalk"/>, spec 05
/// §4.2, spec 06 §5): a link out of the root is refused, one inside it is followed. The file is replaced
/// through a temporary file in the same folder and an atomic rename, so a crash never leaves half a config.
/// </summary>
internal sealed class ConfinedFile : IDisposable
{
    private const int FileMode = 0b110_100_100; // 0644
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    private readonly Located location;
    private readonly SafeFileHandle? file;

    private ConfinedFile(Located location, SafeFileHandle? file)
    {
        this.location = location;
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
        Located? located = null;
        try
        {
            var components = ConfinedPath.Parse(relative);
            if (components.Count == 0)
            {
                throw new ConfigPathException($"{relative}: not a file path");
            }
            // Folders made here are handed to the game's user with the whole folder before the start.
            located = ConfinedWalk.Locate(root, components, followLast: true, createParents: create);
            if (located.IsRoot)
            {
                throw new ConfigPathException($"{relative}: not a file path");
            }
            var fd = OpenAt(located.Folder, located.Name, ReadOnly | NoFollow | CloseOnExec, 0);
            var errno = fd < 0 ? LastError : 0;
            if (fd < 0 && (errno != ENOENT || !create))
            {
                return errno == ENOENT ? null : throw Failure(relative, "cannot open " + located.Path, errno);
            }
            var opened = new ConfinedFile(located, fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true));
            located = null;
            return opened;
        }
        catch (ConfinedFileException e) when (e.Problem == FileProblem.NotFound && !create)
        {
            return null;
        }
        catch (ConfinedFileException e)
        {
            throw new ConfigPathException($"{relative}: {e.Message}");
        }
        finally
        {
            located?.Dispose();
        }
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
        var temporary = "." + location.Name + "." + Guid.NewGuid().ToString("N") + ".aerie-tmp";
        var fd = OpenAt(location.Folder, temporary, WriteOnly | Create | Exclusive | NoFollow | CloseOnExec, FileMode);
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
            if (RenameAt(location.Folder, temporary, location.Folder, location.Name) != 0)
            {
                throw Failure(relative, "cannot replace the file", LastError);
            }
        }
        catch
        {
            _ = UnlinkAt(location.Folder, temporary, 0);
            throw;
        }
    }

    public void Dispose()
    {
        file?.Dispose();
        location.Dispose();
    }

    private static ConfigPathException Failure(string relative, string what, int errno) =>
        new($"{relative}: {what}: {Describe(errno)}");
}
