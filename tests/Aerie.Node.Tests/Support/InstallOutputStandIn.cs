using Aerie.Node.Environments;

namespace Aerie.Node.Tests.Support;

/// <summary>Wraps the real process runtime and raises <see cref="IServerEnvironment.InstallOutput"/> on demand,
/// which the process runtime never does (only a container runtime pulling an image would).</summary>
internal sealed class InstallOutputStandIn(IServerEnvironment inner) : IServerEnvironment
{
    public event Action<ReadOnlyMemory<byte>>? Output { add => inner.Output += value; remove => inner.Output -= value; }
    public event Action<EnvironmentExit>? Exited { add => inner.Exited += value; remove => inner.Exited -= value; }
    public event Action<string>? InstallOutput;

    public bool IsRunning => inner.IsRunning;

    public void Emit(string line) => InstallOutput?.Invoke(line);

    public Task StartAsync(EnvironmentSpec spec, CancellationToken cancellationToken) => inner.StartAsync(spec, cancellationToken);
    public Task<bool> AttachExistingAsync(EnvironmentSpec spec, CancellationToken cancellationToken) => inner.AttachExistingAsync(spec, cancellationToken);
    public Task WriteLineAsync(string line, CancellationToken cancellationToken) => inner.WriteLineAsync(line, cancellationToken);
    public Task SignalAsync(string signal, CancellationToken cancellationToken) => inner.SignalAsync(signal, cancellationToken);
    public Task KillAsync(CancellationToken cancellationToken) => inner.KillAsync(cancellationToken);
    public Task<EnvironmentStats> GetStatsAsync(CancellationToken cancellationToken) => inner.GetStatsAsync(cancellationToken);
    public Task DestroyAsync(CancellationToken cancellationToken) => inner.DestroyAsync(cancellationToken);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

/// <summary>Hands out <see cref="InstallOutputStandIn"/>s around the real process runtime and remembers them.</summary>
internal sealed class InstallOutputStandInFactory(IEnvironmentFactory real) : IEnvironmentFactory
{
    public List<InstallOutputStandIn> Created { get; } = [];

    public IServerEnvironment Create(string serverUuid)
    {
        var env = new InstallOutputStandIn(real.Create(serverUuid));
        Created.Add(env);
        return env;
    }
}
