namespace Aerie.Node.Environments;

/// <summary>
/// One game server's runtime: a child process (LocalProcess/) or a container (Docker/).
/// The server state machine (Servers/) drives it; it knows nothing of sockets, tokens or the panel.
/// Implementations are thread-safe: power calls, stdin writes and stats reads may race.
/// </summary>
internal interface IServerEnvironment : IAsyncDisposable
{
    /// <summary>Raw output bytes (stdout and stderr merged), in order. The consumer splits lines.
    /// Never blocks the game: the environment reads continuously and hands chunks over.</summary>
    event Action<ReadOnlyMemory<byte>>? Output;

    /// <summary>Raised once per run when the process/container has exited (after its last output chunk).</summary>
    event Action<EnvironmentExit>? Exited;

    /// <summary>Progress of preparation work (e.g. an image pull), one line each; sent to sockets as `install output`.
    /// The process runtime never raises it.</summary>
    event Action<string>? InstallOutput;

    /// <summary>True while the process/container is alive.</summary>
    bool IsRunning { get; }

    /// <summary>Creates (if needed) and starts the process/container from the spec. Throws
    /// <see cref="EnvironmentException"/> with a user-facing reason on failure.</summary>
    Task StartAsync(EnvironmentSpec spec, CancellationToken cancellationToken);

    /// <summary>Re-attaches to a process/container that survived a daemon restart (Docker). Returns false when there is none.</summary>
    Task<bool> AttachExistingAsync(EnvironmentSpec spec, CancellationToken cancellationToken);

    /// <summary>Writes one line (a newline is appended) to the game's stdin.</summary>
    Task WriteLineAsync(string line, CancellationToken cancellationToken);

    /// <summary>Sends a named signal (SIGINT, SIGTERM, SIGKILL, ...) to the game.</summary>
    Task SignalAsync(string signal, CancellationToken cancellationToken);

    /// <summary>Kills the whole process tree / container immediately (SIGKILL).</summary>
    Task KillAsync(CancellationToken cancellationToken);

    /// <summary>Current resource use; zeros when not running.</summary>
    Task<EnvironmentStats> GetStatsAsync(CancellationToken cancellationToken);

    /// <summary>Removes the container or leftovers (server deleted).</summary>
    Task DestroyAsync(CancellationToken cancellationToken);
}

/// <summary>What to run. <paramref name="Invocation"/> runs under <c>/bin/sh -c</c>; variables reach it only
/// through <paramref name="Environment"/>, never spliced into the string. <paramref name="DiskLimitBytes"/> 0 = unlimited.</summary>
internal sealed record EnvironmentSpec(
    string ServerUuid,
    string WorkingDirectory,
    string Invocation,
    IReadOnlyDictionary<string, string> Environment,
    string Image,
    long MemoryLimitBytes,
    long SwapBytes,
    int CpuLimitPercent,
    long PidsLimit,
    IReadOnlyList<PortBinding> Ports,
    bool OomDisabled,
    long DiskLimitBytes = 0);

internal sealed record PortBinding(string Ip, int Port);

internal sealed record EnvironmentExit(int ExitCode, bool OutOfMemory);

internal sealed record EnvironmentStats(
    long MemoryBytes,
    long MemoryLimitBytes,
    double CpuAbsolute,
    long RxBytes,
    long TxBytes,
    long UptimeMs)
{
    public static readonly EnvironmentStats Zero = new(0, 0, 0, 0, 0, 0);
}

/// <summary>An expected runtime failure with a reason fit for an admin's `daemon error`. <see cref="Notice"/> is
/// the same failure told to everyone who sees the console (defaults to the message); a reason that names host
/// internals (socket paths) sets a shorter one.</summary>
internal sealed class EnvironmentException(string message, Exception? inner = null, string? notice = null) : Exception(message, inner)
{
    public string Notice { get; } = notice ?? message;
}

/// <summary>Makes the environment for one server; the node config's <c>runtime</c> picks the factory.</summary>
internal interface IEnvironmentFactory
{
    IServerEnvironment Create(string serverUuid);
}
