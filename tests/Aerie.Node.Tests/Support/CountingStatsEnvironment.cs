using Aerie.Node.Environments;

namespace Aerie.Node.Tests.Support;

/// <summary>An environment that only answers stats, counting how often it was asked (a container stats call each
/// in production). Everything else is outside what the stats tests exercise.</summary>
internal sealed class CountingStatsEnvironment : IServerEnvironment
{
    private int calls;

    public event Action<ReadOnlyMemory<byte>>? Output { add { } remove { } }
    public event Action<EnvironmentExit>? Exited { add { } remove { } }
    public event Action<string>? InstallOutput { add { } remove { } }

    public int Calls => Volatile.Read(ref calls);
    public bool IsRunning => true;

    public Task<EnvironmentStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref calls);
        return Task.FromResult(new EnvironmentStats(n * 1024, 0, 1.5, n, n, n * 1000));
    }

    public Task StartAsync(EnvironmentSpec spec, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<bool> AttachExistingAsync(EnvironmentSpec spec, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task WriteLineAsync(string line, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task SignalAsync(string signal, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task KillAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task DestroyAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
