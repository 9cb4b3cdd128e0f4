using System.Text.Json;
using Aerie.Contracts.Socket;

namespace Aerie.Contracts.Tests;

/// <summary>Golden JSON for the shapes clients in the wild parse.</summary>
public sealed class WireShapeTests
{
    [Fact]
    public void Stats_MatchesGolden()
    {
        var stats = new StatsPayload(1024, 2048, 12.5, new NetworkStats(3, 4), 5000, ServerStates.Running, 77);
        var golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "stats.json")).Trim();
        Assert.Equal(golden, JsonSerializer.Serialize(stats, ContractsJson.Options));
    }
}
