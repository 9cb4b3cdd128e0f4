using Aerie.Node.Environments.Docker;

namespace Aerie.Node.Files;

/// <summary>Docker runtime: every game container runs as <c>docker.container_user</c>, which owns the server folders.</summary>
internal sealed class ContainerFileOwners(ContainerUser user) : IServerFileOwners
{
    public FileOwner? For(string serverUuid) => new FileOwner(user.Uid, user.Gid);
}
