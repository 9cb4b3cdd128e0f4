namespace Aerie.Node.Files;

/// <summary>Who owns the files of a server, as the runtime decides it (the sandbox uid of the process runtime, the
/// container user of the docker runtime). Null: files stay the node's own (an unsandboxed game runs as the node).</summary>
internal interface IServerFileOwners
{
    FileOwner? For(string serverUuid);
}
