namespace Aerie.Node.Files.Archives;

/// <summary>Every input of a compress was skipped (denylisted, missing, a link or a special file).</summary>
internal sealed class NoValidFilesException() : Exception("no valid files to compress");
