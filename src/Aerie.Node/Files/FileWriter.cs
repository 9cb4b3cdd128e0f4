using Microsoft.Win32.SafeHandles;
using static Aerie.Node.Files.NativeFiles;

namespace Aerie.Node.Files;

/// <summary>
/// The one quota-checked writer (spec 06 §2 <c>write</c>; archives and uploads use it too). Steps: the quota is
/// checked against (new size − old size) before anything is written when the size is known; missing parents are
/// created 0755; the bytes go to a temporary file beside the target (the old mode, else 0644, owned by the server's
/// user), taking disk budget as they pass the old size, so a body that runs over the limit stops there; then one
/// rename puts it in place. A failure anywhere leaves the old file as it was and gives the budget back.
/// </summary>
internal static class FileWriter
{
    private const uint NewFileMode = 0b110_100_100; // 0644
    private const int BufferSize = 128 * 1024;

    public static async Task WriteAsync(ServerFileSystem files, string path, Stream content, long? length, FileWriteOptions? options, CancellationToken ct)
    {
        var components = ConfinedPath.Parse(path);
        var shown = ConfinedPath.Join(components);
        if (components.Count == 0)
        {
            throw new ConfinedFileException(FileProblem.IsDirectory, "the server folder itself is a directory");
        }
        files.Guard(shown, isDirectory: false);
        using var located = ConfinedWalk.Locate(files.Root, components, followLast: false, createParents: true, files.Owner);
        files.Guard(located.Path, isDirectory: false);
        var old = FileEntry.Read(located.Folder, located.Name, shown);
        if (old is { IsDirectory: true })
        {
            throw new ConfinedFileException(FileProblem.IsDirectory, $"{shown}: a directory has that name");
        }
        var oldSize = old is { IsRegular: true } ? old.Size : 0;
        if (length is { } declared && !files.Quota.Fits(declared - oldSize))
        {
            throw new ConfinedFileException(FileProblem.QuotaExceeded, $"{shown}: over the disk limit");
        }
        var mode = old is { IsRegular: true } ? old.Permissions : options?.Mode ?? NewFileMode;
        var temporary = ".aerie-" + Guid.NewGuid().ToString("N") + ".tmp";
        var fd = OpenAt(located.Folder, temporary, WriteOnly | Create | Exclusive | NoFollow | CloseOnExec, 0b110_000_000);
        if (fd < 0)
        {
            throw ConfinedFileException.FromErrno(shown, "cannot create the file", LastError);
        }
        long taken = 0;
        var placed = false;
        try
        {
            using (var handle = new SafeFileHandle(fd, ownsHandle: true))
            {
                if (FChmod(fd, mode & 0x1FF) != 0)
                {
                    throw ConfinedFileException.FromErrno(shown, "cannot set its mode", LastError);
                }
                FileOwner.Apply(files.Owner, fd, shown);
                var written = await CopyAsync(content, handle, oldSize, files.Quota, t => taken += t, shown, ct);
                if (options?.Modified is { } modified)
                {
                    File.SetLastWriteTimeUtc(handle, modified.UtcDateTime);
                }
                if (RenameAt(located.Folder, temporary, located.Folder, located.Name) != 0)
                {
                    var errno = LastError;
                    throw errno == EISDIR
                        ? new ConfinedFileException(FileProblem.IsDirectory, $"{shown}: a directory has that name")
                        : ConfinedFileException.FromErrno(shown, "cannot put the file in place", errno);
                }
                placed = true;
                // The old bytes are gone and the new ones are counted: what was taken beyond them goes back.
                files.Quota.Release(oldSize + taken - written);
            }
        }
        finally
        {
            if (!placed)
            {
                _ = UnlinkAt(located.Folder, temporary, 0);
                files.Quota.Release(taken);
            }
        }
    }

    /// <summary>Copies the body, taking budget for each byte beyond <paramref name="oldSize"/> before writing it.</summary>
    private static async Task<long> CopyAsync(Stream content, SafeFileHandle handle, long oldSize, DiskQuota quota, Action<long> took, string shown, CancellationToken ct)
    {
        var buffer = new byte[BufferSize];
        long written = 0;
        long covered = oldSize;
        int n;
        // Fill the buffer before each write: request bodies arrive in pieces of a few KiB, and one write per piece
        // costs a thread-pool hop and a syscall each.
        while ((n = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct)) > 0)
        {
            if (written + n > covered)
            {
                var need = written + n - covered;
                if (!quota.TryTake(need))
                {
                    throw new ConfinedFileException(FileProblem.QuotaExceeded, $"{shown}: over the disk limit");
                }
                took(need);
                covered += need;
            }
            await RandomAccess.WriteAsync(handle, buffer.AsMemory(0, n), written, ct);
            written += n;
        }
        return written;
    }
}
