namespace Aerie.Node.Files.Archives;

/// <summary>One entry of an archive as the reader met it. <see cref="Path"/> is the archive's own name (not yet
/// cleaned or confined: the extractor does that); <see cref="Mode"/> holds permission bits only, null when the
/// archive keeps none. <see cref="Open"/> is valid until the reader moves to the next entry.</summary>
internal sealed record ArchiveItem(string Path, ArchiveItemKind Kind, long Size, int? Mode, DateTimeOffset? Modified, Func<Stream> Open);
