namespace Aerie.Node.ConfigFiles;

/// <summary>A config file that cannot be rewritten: its path leaves the server root, or the file system refused.
/// The message names the file relative to the server root only (it is shown in the console).</summary>
internal sealed class ConfigPathException(string message) : Exception(message);
