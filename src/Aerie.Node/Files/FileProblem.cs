namespace Aerie.Node.Files;

/// <summary>Why a confined file operation failed; the HTTP edge turns each into its spec 06 §1 text.</summary>
internal enum FileProblem
{
    /// <summary>Missing.</summary>
    NotFound,

    /// <summary>Outside the root, or reached through a link that leaves it (answered as not found).</summary>
    OutsideRoot,

    /// <summary>A file was required, a directory found.</summary>
    IsDirectory,

    /// <summary>A component on the way is a file, not a directory (ENOTDIR).</summary>
    NotDirectory,

    /// <summary>The destination exists already.</summary>
    Exists,

    /// <summary>The server's disk limit would be exceeded.</summary>
    QuotaExceeded,

    /// <summary>A name over 255 bytes or a path over 4,096.</summary>
    NameTooLong,

    /// <summary>The path matches the egg's <c>file_denylist</c>.</summary>
    Denylisted,

    /// <summary>A pipe, socket or device: never opened for its content.</summary>
    UnsupportedType,

    /// <summary>The file system refused for another reason (the message says which).</summary>
    Failed,
}
