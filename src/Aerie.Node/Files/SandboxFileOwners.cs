using Aerie.Node.Environments.LocalProcess;

namespace Aerie.Node.Files;

/// <summary>Process runtime: a sandboxed game runs as its own uid (<see cref="ProcessSandbox.UserFor"/>), so its files
/// are given to that user; without a user switch the game runs as the node and files stay the node's.</summary>
internal sealed class SandboxFileOwners(ProcessSandbox sandbox) : IServerFileOwners
{
    public FileOwner? For(string serverUuid)
    {
        if (sandbox.Tools is not { SwitchUser: true })
        {
            return null;
        }
        var user = sandbox.UserFor(serverUuid);
        return new FileOwner((uint)user.Uid, (uint)user.Gid);
    }
}
