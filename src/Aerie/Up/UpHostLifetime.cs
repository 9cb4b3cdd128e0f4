using Microsoft.Extensions.Hosting;

namespace Aerie.Up;

/// <summary>Replaces each host's console lifetime: <c>aerie up</c> owns Ctrl-C / SIGTERM itself, so it can
/// stop the node (and its games) before the panel instead of both racing on the same signal.</summary>
internal sealed class UpHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
