namespace Aerie.Node.Configuration;

/// <summary><c>system.process_runtime</c>: how the process runtime sandboxes games (docs/security.md, "Process
/// runtime"). Each server runs as its own unprivileged user in bubblewrap's mount, PID, IPC and UTS namespaces.</summary>
internal sealed record ProcessRuntimeConfig
{
    /// <summary>True runs games as plain child processes with the node's own user and view of the disk: the node's
    /// secret and every other server are then readable by every game. Only for trusted games.</summary>
    public bool AllowUnsandboxed { get; set; }

    public string Bwrap { get; set; } = "/usr/bin/bwrap";
    public string Setpriv { get; set; } = "/usr/bin/setpriv";
    public string Prlimit { get; set; } = "/usr/bin/prlimit";

    /// <summary>Server users are <c>uid_base + (hash of the server UUID mod uid_count)</c>, group id the same, so
    /// per-user kernel limits (processes) are per server. 1 = every server runs as <c>uid_base</c>.</summary>
    [KeyRange(1, 4_000_000_000)]
    public long UidBase { get; set; } = 200_000;

    [KeyRange(1, 100_000_000)]
    public long UidCount { get; set; } = 65_536;

    /// <summary>RLIMIT_NPROC: processes and threads the server's user may hold.</summary>
    [KeyRange(16, 4_194_304)]
    public long MaxProcesses { get; set; } = 2048;

    /// <summary>RLIMIT_NOFILE: open files per process.</summary>
    [KeyRange(64, 1_048_576)]
    public long MaxOpenFiles { get; set; } = 65_536;

    /// <summary>Size of each server's private <c>/tmp</c> (memory-backed).</summary>
    [KeyRange(1, 1 << 20, Unit = "MiB")]
    public long TmpSize { get; set; } = 512;

    /// <summary>Host folders a game may read (at the same path), beyond the system folders: a toolchain under
    /// /opt, a game binary kept outside the server folder. A folder holding <c>system.data</c> is bound with
    /// <c>system.data</c> hidden.</summary>
    public List<string> ReadOnlyPaths { get; set; } = [];

    /// <summary>Image references mapped to host toolchains (spec 05 §9). A server with an image none of these (nor
    /// Aerie's built-in profiles for its own <c>~aerie/</c> images) match cannot start; a server with no image needs
    /// none. Folders outside the system folders must also be in <see cref="ReadOnlyPaths"/> for a sandboxed game to
    /// see them.</summary>
    public List<RuntimeProfileConfig> RuntimeProfiles { get; set; } = [];
}
