using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aerie.Panel.Backups;
using Aerie.Panel.ClientServers;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.ClientServers;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Backups;

/// <summary>The node's backup reports (spec 07 §6), retention after a success (§9) and the sweeps (§8).</summary>
public abstract class RemoteBackupsApiTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    private HttpClient NodeClient(string tokenId, string secret)
    {
        var client = Fixture.Panel.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{tokenId}.{secret}");
        return client;
    }

    private HttpClient OwnNode() => NodeClient(Fixture.PanelNode.TokenId, Fixture.NodeSecret);

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Success(long size = 4096) => $$"""{"successful":true,"checksum":"{{new string('c', 40)}}","checksum_type":"sha1","size":{{size}},"parts":null}""";

    private const string Failure = """{"checksum":"","checksum_type":"","size":0,"successful":false,"parts":null}""";

    private async Task<GameServer> ServerAsync(int limit = 5, string? policy = null)
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await ClientServerSetup.UpdateAsync(Fixture, server, s => (s.BackupLimit, s.BackupRetentionJson) = (limit, policy));
        return await ClientServerSetup.ReadAsync(Fixture, server);
    }

    [Fact]
    public async Task Report_Success_StoresChecksumSizeCompletion_ThenSecondIs400()
    {
        var server = await ServerAsync();
        var backup = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromMinutes(1), successful: null, locked: true);
        using var node = OwnNode();
        using (var response = await node.PostAsync($"/api/remote/backups/{backup.Uuid}", Body(Success())))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        var row = (await BackupSetup.ReadAsync(Fixture, backup.Uuid))!;
        Assert.True(row.IsSuccessful);
        Assert.True(row.IsLocked);
        Assert.Equal("sha1:" + new string('c', 40), row.Checksum);
        Assert.Equal(4096, row.Bytes);
        Assert.NotNull(row.CompletedAt);
        await ApiErrorAssert.AssertAsync(await node.PostAsync($"/api/remote/backups/{backup.Uuid}", Body(Success())), 400,
            "Cannot update the status of a backup that is already marked as completed.");
        await ApiErrorAssert.AssertAsync(await node.PostAsync($"/api/remote/backups/{backup.Uuid}", Body(Failure)), 400,
            "Cannot update the status of a backup that is already marked as completed.");
        var complete = (await Fixture.WaitForActivityAsync(server.Uuid, 1)).Single();
        Assert.Equal(("server:backup.complete", null), (complete.Event, complete.UserUuid));
        Assert.Contains(backup.Name, complete.MetadataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Failure_Unlocks_NoChecksum_ZeroBytes_AndALateSuccessStillLands()
    {
        var server = await ServerAsync();
        var backup = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromMinutes(1), successful: null, locked: true);
        using var node = OwnNode();
        using (var response = await node.PostAsync($"/api/remote/backups/{backup.Uuid}", Body(Failure)))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        var row = (await BackupSetup.ReadAsync(Fixture, backup.Uuid))!;
        Assert.Equal((false, false, null, 0L), (row.IsSuccessful, row.IsLocked, row.Checksum, row.Bytes));
        Assert.NotNull(row.CompletedAt);
        Assert.Equal("server:backup.fail", (await Fixture.WaitForActivityAsync(server.Uuid, 1)).Single().Event);
        // Only "already successful" is final (a sweep may have failed a backup whose report was late).
        using (var late = await node.PostAsync($"/api/remote/backups/{backup.Uuid}", Body(Success(10))))
        {
            Assert.Equal(HttpStatusCode.NoContent, late.StatusCode);
        }
        Assert.True((await BackupSetup.ReadAsync(Fixture, backup.Uuid))!.IsSuccessful);
    }

    [Fact]
    public async Task Report_Validation_UnknownBackup_OtherNodesBackup()
    {
        var server = await ServerAsync();
        var backup = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromMinutes(1), successful: null);
        using var node = OwnNode();
        Assert.Contains(("successful", "required"), await ApiErrorAssert.AssertValidationAsync(await node.PostAsync($"/api/remote/backups/{backup.Uuid}", Body("{}"))));
        Assert.Contains(("size", "required"), await ApiErrorAssert.AssertValidationAsync(await node.PostAsync($"/api/remote/backups/{backup.Uuid}", Body("""{"successful":true,"checksum":"ab","checksum_type":"sha1"}"""))));
        Assert.Equal(HttpStatusCode.NotFound, (await node.PostAsync($"/api/remote/backups/{Guid.NewGuid()}", Body(Success()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.PostAsync($"/api/remote/backups/{Guid.NewGuid()}/restore", Body("""{"successful":true}"""))).StatusCode);

        var (other, secret) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        using var otherNode = NodeClient(other.TokenId, secret);
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Status = ServerStateGate.RestoringBackupStatus);
        const string text = "You do not have permission to access that backup.";
        await ApiErrorAssert.AssertAsync(await otherNode.PostAsync($"/api/remote/backups/{backup.Uuid}", Body(Success())), 403, text);
        await ApiErrorAssert.AssertAsync(await otherNode.PostAsync($"/api/remote/backups/{backup.Uuid}/restore", Body("""{"successful":true}""")), 403, text);
        Assert.Null((await BackupSetup.ReadAsync(Fixture, backup.Uuid))!.CompletedAt);
        Assert.Equal(ServerStateGate.RestoringBackupStatus, (await ClientServerSetup.ReadAsync(Fixture, server)).Status);
    }

    [Fact]
    public async Task RestoreReport_ClearsRestoringStatus_LogsCompleteOrFailed()
    {
        var server = await ServerAsync();
        var backup = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromMinutes(10));
        using var node = OwnNode();
        foreach (var (ok, name) in new[] { (true, "server:backup.restore-complete"), (false, "server:backup.restore-failed") })
        {
            await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Status = ServerStateGate.RestoringBackupStatus);
            using (var response = await node.PostAsync($"/api/remote/backups/{backup.Uuid}/restore", Body(ok ? """{"successful":true}""" : """{"successful":false}""")))
            {
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            }
            Assert.Null((await ClientServerSetup.ReadAsync(Fixture, server)).Status);
            Assert.Contains(await Fixture.WaitForActivityAsync(server.Uuid, ok ? 1 : 2), r => r.Event == name);
        }
        // A report never clears another state (an install the admin started meanwhile).
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Status = "installing");
        await node.PostAsync($"/api/remote/backups/{backup.Uuid}/restore", Body("""{"successful":true}"""));
        Assert.Equal("installing", (await ClientServerSetup.ReadAsync(Fixture, server)).Status);
    }

    [Fact]
    public async Task S3Parts_Refusals()
    {
        var server = await ServerAsync();
        var pending = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromMinutes(1), successful: null);
        var done = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromMinutes(2));
        using var node = OwnNode();
        await ApiErrorAssert.AssertAsync(await node.GetAsync($"/api/remote/backups/{pending.Uuid}"), 400, "A non-empty \"size\" query parameter must be provided.");
        await ApiErrorAssert.AssertAsync(await node.GetAsync($"/api/remote/backups/{pending.Uuid}?size=0"), 400, "A non-empty \"size\" query parameter must be provided.");
        await ApiErrorAssert.AssertAsync(await node.GetAsync($"/api/remote/backups/{done.Uuid}?size=10"), 409, "This backup is already in a completed state.");
        await ApiErrorAssert.AssertAsync(await node.GetAsync($"/api/remote/backups/{pending.Uuid}?size=10"), 400, "The configured backup adapter is not an S3 compatible adapter.");
    }

    [Fact]
    public async Task Success_AppliesRetention_PrunedOnesLoggedAndDeletedOnTheNode()
    {
        var server = await ServerAsync(policy: (RetentionPolicy.Default with { KeepLast = 1, KeepDaily = 0, KeepWeekly = 0, KeepMonthly = 0 }).Write());
        var old1 = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromDays(2));
        var old2 = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromDays(1));
        var keptLocked = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromDays(3), locked: true);
        var fresh = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromMinutes(1), successful: null);
        using var node = OwnNode();
        Assert.Equal(HttpStatusCode.NoContent, (await node.PostAsync($"/api/remote/backups/{fresh.Uuid}", Body(Success()))).StatusCode);
        Assert.Equal(new[] { keptLocked.Uuid, fresh.Uuid }.Order(), (await BackupSetup.OfAsync(Fixture, server)).Select(b => b.Uuid).Order());
        foreach (var gone in new[] { old1, old2 })
        {
            Assert.NotNull((await BackupSetup.ReadAsync(Fixture, gone.Uuid))!.DeletedAt);
            // Through the outbox; the node has no such archive and answers 404, which acknowledges it.
            await Fixture.Node.WaitForCallAsync(c => c.Method == "DELETE" && c.Path == $"/api/servers/{server.Uuid}/backup/{gone.Uuid}", TimeSpan.FromSeconds(10));
        }
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 3);
        var deletes = rows.Where(r => r.Event == "server:backup.delete").Select(r => JsonDocument.Parse(r.MetadataJson).RootElement).ToList();
        Assert.Equal(2, deletes.Count);
        Assert.All(deletes, d => Assert.Equal("retention", d.GetProperty("reason").GetString()));
        Assert.Equal(new[] { old1.Name, old2.Name }.Order(), deletes.Select(d => d.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task Success_AtLimitWithRotate_PrunesTheOldestUnlocked_FailedDoNotCount()
    {
        var server = await ServerAsync(limit: 2);
        var oldest = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(5));
        var older = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(4));
        await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(3), successful: false);
        var fresh = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromMinutes(1), successful: null);
        using var node = OwnNode();
        Assert.Equal(HttpStatusCode.NoContent, (await node.PostAsync($"/api/remote/backups/{fresh.Uuid}", Body(Success()))).StatusCode);
        Assert.NotNull((await BackupSetup.ReadAsync(Fixture, oldest.Uuid))!.DeletedAt);
        Assert.Null((await BackupSetup.ReadAsync(Fixture, older.Uuid))!.DeletedAt);
    }

    [Fact]
    public async Task Success_AtLimitWithRotate_LockedOldestSurvives_NextUnlockedGoes()
    {
        var server = await ServerAsync(limit: 2);
        var locked = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(6), locked: true);
        var older = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(4));
        var fresh = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromMinutes(1), successful: null);
        using var node = OwnNode();
        Assert.Equal(HttpStatusCode.NoContent, (await node.PostAsync($"/api/remote/backups/{fresh.Uuid}", Body(Success()))).StatusCode);
        // The locked one is the oldest and still counts toward the limit, but rotation never takes it.
        Assert.Null((await BackupSetup.ReadAsync(Fixture, locked.Uuid))!.DeletedAt);
        Assert.NotNull((await BackupSetup.ReadAsync(Fixture, older.Uuid))!.DeletedAt);
        Assert.Null((await BackupSetup.ReadAsync(Fixture, fresh.Uuid))!.DeletedAt);
    }

    [Fact]
    public async Task Sweep_FailsStalePending_DeletesOldFailed_KeepsFreshOnes()
    {
        var server = await ServerAsync(policy: (RetentionPolicy.Default with { PruneFailedAfterHours = 2 }).Write());
        var stale = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromMinutes(361), successful: null, locked: true);
        var young = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromMinutes(300), successful: null);
        var oldFailed = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(3), successful: false);
        var newFailed = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromMinutes(30), successful: false);
        await Fixture.Panel.Services.GetRequiredService<BackupMaintenance>().RunOnceAsync(CancellationToken.None);
        var s = (await BackupSetup.ReadAsync(Fixture, stale.Uuid))!;
        Assert.Equal((false, false), (s.IsSuccessful, s.IsLocked));
        Assert.NotNull(s.CompletedAt);
        Assert.Null((await BackupSetup.ReadAsync(Fixture, young.Uuid))!.CompletedAt);
        Assert.NotNull((await BackupSetup.ReadAsync(Fixture, oldFailed.Uuid))!.DeletedAt);
        Assert.Null((await BackupSetup.ReadAsync(Fixture, newFailed.Uuid))!.DeletedAt);
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 2);
        Assert.Contains(rows, r => r.Event == "server:backup.fail" && r.MetadataJson.Contains(stale.Name, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Event == "server:backup.delete" && r.MetadataJson.Contains(oldFailed.Name, StringComparison.Ordinal));
    }
}

public sealed class RemoteBackupsApiSqliteTests(SqlitePanelFixture f) : RemoteBackupsApiTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class RemoteBackupsApiPostgresTests(PostgresPanelFixture f) : RemoteBackupsApiTests(f), IClassFixture<PostgresPanelFixture>;
