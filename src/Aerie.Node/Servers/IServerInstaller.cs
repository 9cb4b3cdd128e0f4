namespace Aerie.Node.Servers;

/// <summary>Runs a server's install script (spec 05 §7 steps 4–8). The install operation around it
/// (<see cref="ServerInstall"/>) owns the state, the events, the refusals and the panel report.</summary>
internal interface IServerInstaller
{
    /// <summary>Installs into <see cref="InstallRequest.WorkingDirectory"/>. True when the installer ran (whatever the
    /// script's exit code); false only when it could not be run, which the panel records as a failed install.</summary>
    Task<bool> InstallAsync(InstallRequest request, CancellationToken cancellationToken);
}

/// <summary>One install: the server, its folder, whether it is a reinstall, and where output lines go (`install output`).</summary>
internal sealed record InstallRequest(string ServerUuid, string WorkingDirectory, bool Reinstall, Action<string> Output);
