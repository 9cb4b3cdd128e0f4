namespace Aerie.Contracts.NodeApi;

/// <summary>Error texts of the node's compress and decompress routes (spec 06 §2), exact.</summary>
public static class ArchiveErrors
{
    public const string NoFilesToCompress = "No files were passed through to be compressed.";
    public const string DiskFullForArchive = "This server does not have enough available disk space to generate a compressed archive.";
    public const string NoValidFiles = "No valid files to compress.";
    public const string UnknownFormat = "The archive provided is in a format Wings does not understand.";
    public const string TargetBusy = "One or more files this archive is attempting to overwrite are currently in use by another process. Please try again.";
}
