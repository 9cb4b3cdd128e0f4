using Aerie.Node.Configuration;
using Aerie.Node.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Node.Tests.Tokens;

public sealed class RevocationStoreTests
{
    [Fact]
    public void Revocations_OlderThanMaxLifetime_PrunedOnSave()
    {
        var config = new NodeConfig { System = new SystemConfig { Data = Path.Combine(Path.GetTempPath(), "aerie-rev-" + Guid.NewGuid().ToString("N")) } };
        config.Tokens.MaxLifetime = 60;
        try
        {
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var store = new RevocationStore(config, time);
            store.DenyJtis(["old"]);
            var issued = time.GetUtcNow().ToUnixTimeSeconds();
            Assert.True(store.IsRevoked(new ConsoleToken("s", null, "old", [], issued, issued + 60)));
            time.Advance(TimeSpan.FromMinutes(5));
            store.DenyJtis(["new"]);
            var file = File.ReadAllText(Path.Combine(NodePaths.StateDirectory(config), "revocations.json"));
            Assert.DoesNotContain("\"old\"", file, StringComparison.Ordinal);
            Assert.Contains("\"new\"", file, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(config.System.Data, recursive: true);
        }
    }
}
