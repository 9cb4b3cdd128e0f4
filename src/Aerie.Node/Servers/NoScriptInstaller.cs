namespace Aerie.Node.Servers;

/// <summary>The default installer until install scripts run on the node: there is nothing to run, so the
/// install succeeds at once and consoles still see `install started` / `install completed`.</summary>
internal sealed class NoScriptInstaller : IServerInstaller
{
    public Task<bool> InstallAsync(InstallRequest request, CancellationToken cancellationToken) => Task.FromResult(true);
}
