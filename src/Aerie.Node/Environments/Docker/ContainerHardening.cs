using System.Globalization;
using Docker.DotNet.Models;

namespace Aerie.Node.Environments.Docker;

/// <summary>
/// The security settings every server's container gets, whatever its image or settings say:
/// <list type="bullet">
/// <item>Capabilities: all dropped, none added back. Wings keeps CHOWN, SETUID, SETGID and KILL for images
/// whose entrypoint starts as root and then changes user; here the game starts as the unprivileged
/// <see cref="ContainerUser"/>, and a non-root process holds no effective capabilities anyway (the kernel
/// clears them at exec), so what is left is the bounding set, which only matters if the process regained
/// root through a set-uid or file-capability binary: <c>no-new-privileges</c> forbids that, and an empty
/// bounding set means there would be nothing to regain. Signalling its own processes needs no KILL, binding
/// a port below 1024 needs no NET_BIND_SERVICE (see the sysctl below).</item>
/// <item><c>no-new-privileges</c>: set-uid binaries (su, ping...) and file capabilities are ignored at exec.</item>
/// <item><c>net.ipv4.ip_unprivileged_port_start=0</c> in the container's own network namespace, so a game
/// may listen on a low port (an allocation is published on the same port inside) without any capability.
/// Docker 20.10+ sets it by default; Podman does not.</item>
/// <item>A read-only image with a size-capped, memory-backed <c>/tmp</c>: the game writes only to its folder and
/// <c>/tmp</c>, so it cannot grow the container's writable layer (which no limit covers) until the disk is full.
/// <c>nosuid,nodev</c>: nothing placed there acts as a set-uid binary or a device; <c>exec</c> stays, since games
/// (Java's native libraries, for one) unpack code there and load it.</item>
/// <item>A log driver with a size cap, so a chatty game cannot fill the host's disk.</item>
/// </list>
/// </summary>
internal static class ContainerHardening
{
    public const string SecurityOption = "no-new-privileges";
    public const string UnprivilegedPortSysctl = "net.ipv4.ip_unprivileged_port_start";

    public static void Apply(HostConfig host, ContainerDefaults defaults, bool podman)
    {
        host.CapDrop = ["ALL"];
        host.CapAdd = [];
        host.SecurityOpt = [SecurityOption];
        host.Sysctls = new Dictionary<string, string> { [UnprivilegedPortSysctl] = "0" };
        host.NetworkMode = defaults.NetworkName;
        host.ReadonlyRootfs = true;
        host.Tmpfs = new Dictionary<string, string> { ["/tmp"] = string.Create(CultureInfo.InvariantCulture, $"rw,exec,nosuid,nodev,size={defaults.TmpfsMiB}m") };
        host.LogConfig = LogConfig(defaults.LogMaxBytes, podman);
    }

    /// <summary>Both drivers are ones the console can be read back from (see docs/docker.md). Sizes are given as
    /// plain byte counts: Docker reads "16m" as MiB and Podman as MB, a bare number means bytes to both.</summary>
    public static LogConfig LogConfig(long maxBytes, bool podman) => podman
        // Podman's k8s-file keeps one file and starts it over at the cap.
        ? new LogConfig { Type = "k8s-file", Config = new Dictionary<string, string> { ["max-size"] = Bytes(maxBytes) } }
        // Docker's json-file rotates: two files of half the cap keep recent lines readable across a rotation.
        : new LogConfig { Type = "json-file", Config = new Dictionary<string, string> { ["max-size"] = Bytes(maxBytes / 2), ["max-file"] = "2" } };

    private static string Bytes(long value) => value.ToString(CultureInfo.InvariantCulture);
}
