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

    [Fact]
    public void Grant_RevokedAtPanelTime_SurvivesReload_OnlyThatGrantsTokens()
    {
        var config = new NodeConfig { System = new SystemConfig { Data = Path.Combine(Path.GetTempPath(), "aerie-rev-" + Guid.NewGuid().ToString("N")) } };
        try
        {
            // The node's clock is an hour behind the panel's: the panel's revoked_at decides.
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromHours(1));
            var panelNow = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            new RevocationStore(config, time).RevokeGrant("session:7", panelNow);

            var reloaded = new RevocationStore(config, time);
            Assert.True(reloaded.IsRevoked(new ConsoleToken("s", "u", "j", [], panelNow - 1, panelNow + 60, "session:7")));
            Assert.False(reloaded.IsRevoked(new ConsoleToken("s", "u", "j", [], panelNow - 1, panelNow + 60, "session:8")));
            Assert.False(reloaded.IsRevoked(new ConsoleToken("s", "u", "j", [], panelNow + 1, panelNow + 60, "session:7")));
        }
        finally
        {
            Directory.Delete(config.System.Data, recursive: true);
        }
    }

    [Fact]
    public void File_WrittenBeforeGrantsExisted_Loads()
    {
        var config = new NodeConfig { System = new SystemConfig { Data = Path.Combine(Path.GetTempPath(), "aerie-rev-" + Guid.NewGuid().ToString("N")) } };
        try
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            Directory.CreateDirectory(NodePaths.StateDirectory(config));
            File.WriteAllText(Path.Combine(NodePaths.StateDirectory(config), "revocations.json"), $$$"""{"Jtis":{"old-jti":{{{now}}}},"Users":{}}""");
            var store = new RevocationStore(config, TimeProvider.System);
            Assert.True(store.IsRevoked(new ConsoleToken("s", "u", "old-jti", [], now - 1, now + 60, "session:1")));
            store.RevokeGrant("key:abc");
            Assert.True(store.IsRevoked(new ConsoleToken("s", "u", "other", [], now - 1, now + 60, "key:abc")));
        }
        finally
        {
            Directory.Delete(config.System.Data, recursive: true);
        }
    }
}
