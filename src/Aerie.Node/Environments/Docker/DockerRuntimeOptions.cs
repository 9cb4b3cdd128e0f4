namespace Aerie.Node.Environments.Docker;

/// <summary>Settings of the docker runtime (node config <c>runtime: docker</c>, <c>docker.*</c>, <c>system.data</c>).</summary>
/// <param name="SocketPath">Unix socket of a Docker Engine API (Docker or Podman).</param>
/// <param name="DataRoot">Folder holding the servers' folders; runtime bookkeeping lives in <c>DataRoot/.aerie-docker</c>.</param>
/// <param name="Container">User, network, log cap and memory ceiling of every container; null = the config's defaults.</param>
/// <param name="ApiVersion">Pinned Engine API version (e.g. "1.41"); null negotiates the engine's own version.</param>
/// <param name="FollowLogs">Console from one follow stream (true) or polled reads (false); null picks per engine
/// (follow on Docker, poll on Podman, see <see cref="LogFollower"/>).</param>
internal sealed record DockerRuntimeOptions(
    string SocketPath,
    string DataRoot,
    ContainerDefaults? Container = null,
    string? ApiVersion = null,
    bool? FollowLogs = null)
{
    /// <summary>Where the per-server log cursors are kept: outside the server folders, so a game cannot edit them.</summary>
    public string StateDirectory => Path.Combine(DataRoot, ".aerie-docker");

    public ContainerDefaults Defaults => Container ?? ContainerDefaults.Standard;
}
