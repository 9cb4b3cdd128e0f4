namespace Aerie.Node.Files;

/// <summary>A confined file operation that failed as <see cref="Problem"/>. The message names paths relative to the
/// server root only, so it can be logged or shown to the server's users.</summary>
internal sealed class ConfinedFileException(FileProblem problem, string message) : Exception(message)
{
    public FileProblem Problem { get; } = problem;

    public static ConfinedFileException FromErrno(string path, string what, int errno) => new(errno switch
    {
        NativeFiles.ENOENT => FileProblem.NotFound,
        NativeFiles.ENOTDIR => FileProblem.NotDirectory,
        NativeFiles.EISDIR => FileProblem.IsDirectory,
        NativeFiles.EEXIST or NativeFiles.ENOTEMPTY => FileProblem.Exists,
        NativeFiles.ENAMETOOLONG => FileProblem.NameTooLong,
        NativeFiles.ENOSPC => FileProblem.QuotaExceeded,
        _ => FileProblem.Failed,
    }, $"{path}: {what}: {NativeFiles.Describe(errno)}");
}
