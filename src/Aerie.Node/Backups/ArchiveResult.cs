namespace Aerie.Node.Backups;

/// <summary>A written archive: lower-case hex digests of the whole file and its size in bytes.</summary>
internal sealed record ArchiveResult(string Sha1, string Sha256, long Size);
