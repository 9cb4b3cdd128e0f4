namespace Aerie.Node.Files;

/// <summary>How <see cref="ServerFileSystem.WriteAsync"/> sets up the file: <paramref name="Mode"/> (permission bits)
/// for a new file instead of 0644, and a modification time (archive entries keep theirs, spec 06 §3).</summary>
internal sealed record FileWriteOptions(uint? Mode = null, DateTimeOffset? Modified = null);
