namespace Aerie.Node.Environments.Docker;

/// <summary>What every server's container gets whatever its own settings say (node config <c>docker.*</c>).</summary>
/// <param name="User">The unprivileged user the game runs as and its folder is owned by.</param>
/// <param name="NetworkName">The daemon's own bridge network (see <see cref="ContainerNetwork"/>).</param>
/// <param name="LogMaxBytes">Cap on the engine's log file of one container.</param>
/// <param name="MemoryCeilingBytes">Memory limit of a server whose own limit is 0 ("unlimited").</param>
/// <param name="TmpfsMiB">Size of the container's writable <c>/tmp</c> (the rest of the image is read-only).</param>
internal sealed record ContainerDefaults(ContainerUser User, string NetworkName, long LogMaxBytes, long MemoryCeilingBytes, long TmpfsMiB = ContainerDefaults.DefaultTmpfsMiB)
{
    public const string DefaultNetwork = "aerie0";
    public const long DefaultLogMaxBytes = 16 * 1024 * 1024;
    public const long DefaultTmpfsMiB = 100;

    /// <summary>The node config's defaults, with the host's total memory as the ceiling.</summary>
    public static ContainerDefaults Standard { get; } = new(ContainerUser.Default, DefaultNetwork, DefaultLogMaxBytes, HostMemory.TotalBytes());

    /// <summary>From the node config's keys; a ceiling of 0 MiB means the host's total memory.</summary>
    public static ContainerDefaults From(ContainerUser user, string networkName, long logMaxBytes, long memoryCeilingMiB, long tmpfsMiB) =>
        new(user, networkName, logMaxBytes, memoryCeilingMiB > 0 ? memoryCeilingMiB * 1024 * 1024 : HostMemory.TotalBytes(), tmpfsMiB);
}
