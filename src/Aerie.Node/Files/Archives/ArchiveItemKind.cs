namespace Aerie.Node.Files.Archives;

/// <summary>What an archive entry is. Only files and directories are extracted; the rest is skipped and counted
/// (spec 06 §3, beyond Wings, which writes them as empty regular files).</summary>
internal enum ArchiveItemKind
{
    File,
    Directory,
    Symlink,
    Hardlink,
    Device,
    Fifo,
    Other,
}
