namespace Aerie.Node.Configuration;

/// <summary>A bad node config: the message names the file, the key and what is wrong.</summary>
internal sealed class NodeConfigException(string message, Exception? inner = null) : Exception(message, inner);
