using Aerie.Contracts.Socket;
using Aerie.Node.Events;
using Aerie.Node.Servers;
using Aerie.Node.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Node.Tests.Servers;

public sealed class StatsPublisherTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly string folder = Directory.CreateTempSubdirectory("aerie-stats-").FullName;
    private readonly FakeTimeProvider time = new();
    private readonly CountingStatsEnvironment environment = new();
    private readonly FanOut<OutboundFrame> frames = new();
    private string state = ServerStates.Running;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private StatsPublisher Publisher() =>
        new(environment, new DiskUsage(folder, time), () => state, () => 0, frames, Interval, time);

    [Fact]
    public async Task Loop_NobodyListening_NeitherSamplesNorPublishes()
    {
        using var lifetime = new CancellationTokenSource();
        var publisher = Publisher();
        publisher.Start(lifetime.Token);
        for (var i = 0; i < 5; i++)
        {
            time.Advance(Interval);
            await Task.Delay(20); // the loop runs on the pool after each tick
        }
        Assert.Equal(0, environment.Calls);

        var received = new List<OutboundFrame>();
        using var listening = frames.Subscribe(f =>
        {
            lock (received)
            {
                received.Add(f);
            }
        });
        time.Advance(Interval);
        await Eventually.TrueAsync(() => { lock (received) { return received.Count == 1; } }, "one stats frame once someone listens");
        Assert.Equal(1, environment.Calls);
        await lifetime.CancelAsync();
        await publisher.Stopped;
    }

    [Fact]
    public async Task Get_BurstWithinAnInterval_SharesOneSample()
    {
        var publisher = Publisher();
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => publisher.GetAsync(CancellationToken.None)));
        Assert.Equal(1, environment.Calls);
        Assert.All(answers, a => Assert.Equal(1024, a.MemoryBytes));

        time.Advance(Interval);
        var later = await publisher.GetAsync(CancellationToken.None);
        Assert.Equal(2, environment.Calls);
        Assert.Equal(2048, later.MemoryBytes);
    }

    [Fact]
    public async Task Get_StateChangedSinceTheSample_SamplesAgain()
    {
        var publisher = Publisher();
        state = ServerStates.Starting;
        Assert.Equal(ServerStates.Starting, (await publisher.GetAsync(CancellationToken.None)).State);
        state = ServerStates.Running;
        var running = await publisher.GetAsync(CancellationToken.None);
        Assert.Equal(ServerStates.Running, running.State);
        Assert.Equal(2, environment.Calls);
    }
}
