using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.Servers;

/// <summary>Runs a server's install script on one runtime (spec 05 §7 steps 6–8 on docker, §9 on the process runtime).
/// The install operation around it (<see cref="ServerInstall"/>) owns the state, the events, the script file, the
/// log, the timeout and the panel report.</summary>
internal interface IServerInstaller
{
    /// <summary>Runs <see cref="InstallRequest.Script"/> over <see cref="InstallRequest.WorkingDirectory"/> and waits for it
    /// to end. Cancelled (install timeout, daemon stopping) it kills the script and throws
    /// <see cref="OperationCanceledException"/>.</summary>
    Task<InstallOutcome> InstallAsync(InstallRequest request, CancellationToken cancellationToken);
}

/// <summary>One install. <paramref name="ScriptDirectory"/> holds <c>install.sh</c> (LF line ends, written by the
/// operation); <paramref name="Environment"/> is the §5.4 environment; the limits are the server's (0 = unlimited);
/// <paramref name="Output"/> takes each output line (`install output` and the install log).</summary>
internal sealed record InstallRequest(
    string ServerUuid,
    string WorkingDirectory,
    bool Reinstall,
    InstallScript Script,
    string ScriptDirectory,
    IReadOnlyDictionary<string, string> Environment,
    long MemoryLimitBytes,
    int CpuLimitPercent,
    long DiskLimitBytes,
    Action<string> Output);

/// <summary>How an install ended: the script's exit code when it ran, or why it could not run (<see cref="Failure"/>),
/// which the panel records as a failed install.</summary>
internal sealed record InstallOutcome(int? ExitCode, string? Failure)
{
    public static InstallOutcome Exited(int code) => new(code, null);

    public static InstallOutcome Failed(string reason) => new(null, reason);
}
