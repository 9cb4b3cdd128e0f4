namespace Aerie.Node.Files.Archives;

/// <summary>The file is no archive this node reads, or is too damaged to read (answered 400 with Wings' text).</summary>
internal sealed class ArchiveFormatException(string message, Exception? inner = null) : Exception(message, inner);
