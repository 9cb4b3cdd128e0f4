namespace Aerie.Node.ConfigFiles;

/// <summary>Process runtime: games share the host's network, so the host is loopback.</summary>
internal sealed class LoopbackInterface : IGameInterface
{
    public const string Address = "127.0.0.1";

    public Task<string> AddressAsync(CancellationToken cancellationToken) => Task.FromResult(Address);
}
