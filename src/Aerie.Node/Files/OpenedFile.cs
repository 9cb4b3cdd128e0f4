using Microsoft.Win32.SafeHandles;

namespace Aerie.Node.Files;

/// <summary>A regular file opened for reading inside a server root; <see cref="Entry"/> is its metadata at open
/// (its <c>Size</c> is what a download promises, whatever the game appends meanwhile).</summary>
internal sealed class OpenedFile(SafeFileHandle handle, FileEntry entry) : IDisposable
{
    public SafeFileHandle Handle { get; } = handle;

    public FileEntry Entry { get; } = entry;

    /// <summary>A stream over the file that ends at <see cref="FileEntry.Size"/>, never later.</summary>
    public Stream OpenStream() => new BoundedReadStream(new FileStream(Handle, FileAccess.Read, 1, isAsync: false), Entry.Size);

    public void Dispose() => Handle.Dispose();
}
