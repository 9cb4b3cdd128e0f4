using Microsoft.Extensions.Hosting;

namespace Aerie.Panel.Eggs.BuiltIn;

/// <summary>
/// Keeps the shipped templates in the database (<see cref="BuiltInTemplates.SeedAsync"/>) once the panel listens:
/// seeding is the first EF query of a start (EF's services, the model, the query pipeline: most of the start's
/// CPU), and the web server need not wait for it. <c>StartedAsync</c> runs after every hosted service started,
/// Kestrel included, and the host's <c>StartAsync</c> awaits it, so whoever awaited the start (the <c>aerie panel</c>
/// command's "listening" line, <c>aerie up</c>, the tests) still sees the templates; a request in the meantime sees
/// the database as the previous start left it.
/// </summary>
internal sealed class BuiltInSeeder(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken) => BuiltInTemplates.SeedAsync(services, ct: cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
