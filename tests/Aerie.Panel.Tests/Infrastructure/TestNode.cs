namespace Aerie.Panel.Tests.Infrastructure;

/// <summary>
/// The node the panel tests talk to. Today it is <see cref="NodeApiStandIn"/>; at merge the lead swaps
/// in the real NodeHost (Aerie.Node) behind this same surface. Stop/Resume keep the port, so the
/// panel's stored internal URL stays valid across a simulated node outage.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    private readonly NodeApiStandIn node = new();

    private TestNode()
    {
    }

    public string Url => $"http://127.0.0.1:{node.Port}";

    public IReadOnlyCollection<NodeCall> Calls => node.Calls;

    public static async Task<TestNode> StartAsync()
    {
        var n = new TestNode();
        await n.node.StartAsync();
        return n;
    }

    public void UseSecret(string secret) => node.Secret = secret;

    public void AddServer(Guid uuid) => node.AddServer(uuid);

    public Task StopAsync() => node.StopAsync();

    public Task ResumeAsync() => node.StartAsync(node.Port);

    /// <summary>Waits (bounded) until a recorded call matches.</summary>
    public async Task<NodeCall> WaitForCallAsync(Func<NodeCall, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var found = node.Calls.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"No matching node call within {timeout}; saw: {string.Join(", ", node.Calls.Select(c => c.Method + " " + c.Path))}");
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }

    public ValueTask DisposeAsync() => node.DisposeAsync();
}
