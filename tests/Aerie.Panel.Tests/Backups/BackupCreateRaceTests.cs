using System.Net;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.ClientServers;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.Backups;

/// <summary>Spec 07 §8's limit and throttle hold when creates arrive at the same moment: the checks and the pending
/// row are one step per server, on SQLite and PostgreSQL. The server's node is unreachable, so every admitted backup
/// stays pending (504) and keeps counting.</summary>
public abstract class BackupCreateRaceTests(PanelFixture fixture)
{
    private const int Concurrent = 8;

    protected PanelFixture Fixture { get; } = fixture;

    private async Task<(GameServer Server, HttpClient Client)> ServerAsync(int limit)
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (down, _) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var server = await Fixture.CreateServerAsync(owner, down.Id);
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.BackupLimit = limit);
        return (server, Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner)));
    }

    private static async Task<HttpStatusCode[]> CreateAtOnceAsync(HttpClient client, GameServer server)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var creates = Enumerable.Range(0, Concurrent).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            using var response = await client.PostAsync($"/api/client/servers/{server.Identifier}/backups", null);
            return response.StatusCode;
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(creates).WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task ConcurrentCreates_LimitOfOne_OneBackupOnly()
    {
        var (server, client) = await ServerAsync(limit: 1);
        using (client)
        {
            var statuses = await CreateAtOnceAsync(client, server);
            Assert.Single(await BackupSetup.OfAsync(Fixture, server));
            // The admitted one reached for the node (504); every other was refused at the limit.
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.GatewayTimeout));
            Assert.Equal(Concurrent - 1, statuses.Count(s => s == HttpStatusCode.BadRequest));
        }
    }

    [Fact]
    public async Task ConcurrentCreates_Throttle_TwoWithin600sOnly()
    {
        var (server, client) = await ServerAsync(limit: 20);
        using (client)
        {
            var statuses = await CreateAtOnceAsync(client, server);
            Assert.Equal(2, (await BackupSetup.OfAsync(Fixture, server)).Count);
            Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.GatewayTimeout));
            Assert.Equal(Concurrent - 2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        }
    }
}

public sealed class BackupCreateRaceSqliteTests(SqlitePanelFixture f) : BackupCreateRaceTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class BackupCreateRacePostgresTests(PostgresPanelFixture f) : BackupCreateRaceTests(f), IClassFixture<PostgresPanelFixture>;
