using System.Net;
using System.Text;
using System.Text.Json;
using Aerie.Panel.Backups;
using Aerie.Panel.ClientServers;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.ClientServers;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Panel.Tests.Backups;

/// <summary><c>…/backups</c> (spec 04 §2.8, spec 07 §8): list, limits, throttle, lock, delete, restore refusals,
/// download URL, permissions. The create and restore flow on the real node is in the browser test.</summary>
public abstract class BackupsApiTests(PanelFixture fixture)
{
    private const string Unauthorized = "This action is unauthorized.";

    protected PanelFixture Fixture { get; } = fixture;

    private async Task<HttpClient> ClientOfAsync(PanelUser user) => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Path(GameServer s, string rest = "") => $"/api/client/servers/{s.Identifier}/backups{rest}";

    private async Task<GameServer> ServerAsync(PanelUser owner, int? limit)
    {
        var server = await Fixture.CreateServerAsync(owner);
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.BackupLimit = limit);
        return await ClientServerSetup.ReadAsync(Fixture, server);
    }

    [Fact]
    public async Task List_Paginated20Max50_BackupCountSkipsFailed_NeedsRead()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await ServerAsync(owner, 5);
        await Fixture.AddSubuserAsync(server, sub, "backup.create");
        var rows = new List<Backup>();
        for (var i = 0; i < 21; i++)
        {
            rows.Add(await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(30 - i), successful: i % 3 == 0 ? false : true));
        }
        rows.Add(await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(1), successful: null));
        await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(1), deleted: true);
        using var client = await ClientOfAsync(owner);
        using (var doc = JsonDocument.Parse(await client.GetStringAsync(Path(server))))
        {
            var root = doc.RootElement;
            Assert.Equal(20, root.GetProperty("data").GetArrayLength());
            var pagination = root.GetProperty("meta").GetProperty("pagination");
            Assert.Equal((22, 20, 2), (pagination.GetProperty("total").GetInt32(), pagination.GetProperty("per_page").GetInt32(), pagination.GetProperty("total_pages").GetInt32()));
            // 22 rows, 7 failed (every third of the 21), the pending one counts.
            Assert.Equal(15, root.GetProperty("meta").GetProperty("backup_count").GetInt32());
            var first = root.GetProperty("data")[0];
            Assert.Equal("backup", first.GetProperty("object").GetString());
            var a = first.GetProperty("attributes");
            Assert.Equal(rows[0].Uuid.ToString(), a.GetProperty("uuid").GetString());
            Assert.False(a.GetProperty("is_successful").GetBoolean());
            Assert.Equal(JsonValueKind.Array, a.GetProperty("ignored_files").ValueKind);
            Assert.Equal(JsonValueKind.Null, a.GetProperty("checksum").ValueKind);
            Assert.Equal("sha1:" + new string('a', 40), root.GetProperty("data")[1].GetProperty("attributes").GetProperty("checksum").GetString());
            Assert.EndsWith("+00:00", a.GetProperty("created_at").GetString(), StringComparison.Ordinal);
        }
        using (var doc = JsonDocument.Parse(await client.GetStringAsync(Path(server, "?per_page=80&page=1"))))
        {
            Assert.Equal(50, doc.RootElement.GetProperty("meta").GetProperty("pagination").GetProperty("per_page").GetInt32());
            Assert.Equal(22, doc.RootElement.GetProperty("data").GetArrayLength());
        }
        using var subClient = await ClientOfAsync(sub);
        await ApiErrorAssert.AssertAsync(await subClient.GetAsync(Path(server)), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await subClient.GetAsync(Path(server, "/" + rows[0].Uuid)), 403, Unauthorized);
    }

    [Fact]
    public async Task Details_OwnBackupOnly_404ForOthersAndDeleted()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var mine = await ServerAsync(owner, 2);
        var other = await ServerAsync(owner, 2);
        var backup = await BackupSetup.AddAsync(Fixture, mine, TimeSpan.FromHours(2));
        var foreign = await BackupSetup.AddAsync(Fixture, other, TimeSpan.FromHours(2));
        var deleted = await BackupSetup.AddAsync(Fixture, mine, TimeSpan.FromHours(2), deleted: true);
        using var client = await ClientOfAsync(owner);
        using (var doc = JsonDocument.Parse(await client.GetStringAsync(Path(mine, "/" + backup.Uuid))))
        {
            Assert.Equal(backup.Name, doc.RootElement.GetProperty("attributes").GetProperty("name").GetString());
            Assert.Equal(1024, doc.RootElement.GetProperty("attributes").GetProperty("bytes").GetInt64());
        }
        foreach (var key in new[] { foreign.Uuid.ToString(), deleted.Uuid.ToString(), "not-a-uuid" })
        {
            await ApiErrorAssert.AssertAsync(await client.GetAsync(Path(mine, "/" + key)), 404, ClientServerAccess.NotForThisServerText);
            await ApiErrorAssert.AssertAsync(await client.PostAsync(Path(mine, "/" + key + "/lock"), null), 404, ClientServerAccess.NotForThisServerText);
            await ApiErrorAssert.AssertAsync(await client.DeleteAsync(Path(mine, "/" + key)), 404, ClientServerAccess.NotForThisServerText);
        }
        Assert.False((await BackupSetup.ReadAsync(Fixture, foreign.Uuid))!.IsLocked);
    }

    [Fact]
    public async Task Create_LimitZeroOrUnset_Refused()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        using var client = await ClientOfAsync(owner);
        foreach (var limit in new int?[] { 0, null })
        {
            var server = await ServerAsync(owner, limit);
            await ApiErrorAssert.AssertAsync(await client.PostAsync(Path(server), null), 400,
                "Cannot create a new backup, this server has reached its limit of 0 backups.", "TooManyBackupsException");
            Assert.Empty(await BackupSetup.OfAsync(Fixture, server));
        }
    }

    [Fact]
    public async Task Create_AtLimit_RejectPolicy_OrNothingToRotate_Refused()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        using var client = await ClientOfAsync(owner);
        const string text = "Cannot create a new backup, this server has reached its limit of 2 backups.";

        // Rotation with only pending and locked backups: nothing could make room.
        var stuck = await ServerAsync(owner, 2);
        await BackupSetup.AddAsync(Fixture, stuck, TimeSpan.FromHours(2), successful: null);
        await BackupSetup.AddAsync(Fixture, stuck, TimeSpan.FromHours(3), locked: true);
        await BackupSetup.AddAsync(Fixture, stuck, TimeSpan.FromHours(4), successful: false);
        await ApiErrorAssert.AssertAsync(await client.PostAsync(Path(stuck), null), 400, text, "TooManyBackupsException");

        // "reject" refuses at the limit even with unlocked successful backups.
        var rejecting = await ServerAsync(owner, 2);
        await BackupSetup.AddAsync(Fixture, rejecting, TimeSpan.FromHours(2));
        await BackupSetup.AddAsync(Fixture, rejecting, TimeSpan.FromHours(3));
        using (var put = await client.PutAsync(Path(rejecting, "/retention"), Body("""{"on_limit":"reject"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        await ApiErrorAssert.AssertAsync(await client.PostAsync(Path(rejecting), null), 400, text, "TooManyBackupsException");
        Assert.Equal(2, (await BackupSetup.OfAsync(Fixture, rejecting)).Count);
    }

    [Fact]
    public async Task Create_Throttle_TwoPer600s_DeletedCount_429WithRetryAfter()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await ServerAsync(owner, 10);
        await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromSeconds(100), deleted: true);
        await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromSeconds(30), successful: false);
        using var client = await ClientOfAsync(owner);
        using var response = await client.PostAsync(Path(server), Body("""{"name":"x"}"""));
        await ApiErrorAssert.AssertAsync(response, 429, "Only 2 backups may be generated within a 600 second span of time.", "TooManyRequestsHttpException");
        // The older of the two leaves the window 500 s from now.
        var wait = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wait, 490, 501);
        Assert.Single(await BackupSetup.OfAsync(Fixture, server));
    }

    [Fact]
    public async Task Create_NodeUnreachable_504_RowStaysPendingForTheSweep()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (down, _) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        var server = await Fixture.CreateServerAsync(owner, down.Id);
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.BackupLimit = 2);
        using var client = await ClientOfAsync(owner);
        await ApiErrorAssert.AssertAsync(await client.PostAsync(Path(server), null), 504,
            "Could not establish a connection to the machine running this server. Please try again.");
        // The node may have started it before the answer was lost: pending, failed by the 360-minute sweep if no report comes.
        var row = Assert.Single(await BackupSetup.OfAsync(Fixture, server));
        Assert.Null(row.CompletedAt);
    }

    [Fact]
    public async Task Create_OnTheNode_DefaultName_Ignored_LockOnlyWithDelete_Completes()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await ServerAsync(owner, 5);
        await Fixture.AddSubuserAsync(server, sub, "backup.read", "backup.create");
        using var client = await ClientOfAsync(owner);
        using var subClient = await ClientOfAsync(sub);
        string uuid;
        using (var response = await client.PostAsync(Path(server), Body("""{"is_locked":true,"ignored":"logs/\n*.tmp\n"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var a = doc.RootElement.GetProperty("attributes");
            uuid = a.GetProperty("uuid").GetString()!;
            Assert.Matches(@"^Backup at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", a.GetProperty("name").GetString());
            Assert.True(a.GetProperty("is_locked").GetBoolean());
            Assert.Equal(["logs/", "*.tmp"], a.GetProperty("ignored_files").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(JsonValueKind.Null, a.GetProperty("completed_at").ValueKind);
        }
        var call = Fixture.Node.Calls.Single(c => c.Method == "POST" && c.Path == $"/api/servers/{server.Uuid}/backup");
        using (var body = JsonDocument.Parse(call.Body))
        {
            Assert.Equal(("wings", uuid, "logs/\n*.tmp"), (body.RootElement.GetProperty("adapter").GetString(), body.RootElement.GetProperty("uuid").GetString(), body.RootElement.GetProperty("ignore").GetString()));
        }
        // The node writes the archive and reports it (spec 07 §4); only then may the next one start (one at a time per server).
        var done = await Eventually.ValueAsync(() => BackupSetup.ReadAsync(Fixture, Guid.Parse(uuid)), b => b?.CompletedAt is not null,
            "the node's report of backup " + uuid, TimeSpan.FromSeconds(30));
        Assert.True(done!.IsSuccessful);
        Assert.StartsWith("sha1:", done.Checksum, StringComparison.Ordinal);
        Assert.True(done.Bytes > 0, $"the node reported {done.Bytes} bytes");
        // A subuser without backup.delete asks for a lock and does not get one.
        using (var response = await subClient.PostAsync(Path(server), Body("""{"name":"mine","is_locked":true}""")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.False(doc.RootElement.GetProperty("attributes").GetProperty("is_locked").GetBoolean());
            Assert.Equal("mine", doc.RootElement.GetProperty("attributes").GetProperty("name").GetString());
        }
        Assert.Contains(await Fixture.WaitForActivityAsync(server.Uuid, 3), r => r.Event == "server:backup.start");
    }

    [Fact]
    public async Task Create_Validation()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await ServerAsync(owner, 2);
        using var client = await ClientOfAsync(owner);
        Assert.Equal([("name", "max")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(Path(server), Body($$"""{"name":"{{new string('n', 192)}}"}"""))));
        Assert.Equal([("is_locked", "boolean")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(Path(server), Body("""{"is_locked":"maybe"}"""))));
        Assert.Empty(await BackupSetup.OfAsync(Fixture, server));
    }

    [Fact]
    public async Task Lock_Toggles_NeedsDelete_AndLockedSuccessfulCannotBeDeleted()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await ServerAsync(owner, 3);
        await Fixture.AddSubuserAsync(server, sub, "backup.read", "backup.create", "backup.restore", "backup.download");
        var backup = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(1));
        using var client = await ClientOfAsync(owner);
        using var subClient = await ClientOfAsync(sub);

        await ApiErrorAssert.AssertAsync(await subClient.PostAsync(Path(server, $"/{backup.Uuid}/lock"), null), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await subClient.DeleteAsync(Path(server, $"/{backup.Uuid}")), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await subClient.PutAsync(Path(server, "/retention"), Body("""{"keep_last":1}""")), 403, Unauthorized);
        Assert.False((await BackupSetup.ReadAsync(Fixture, backup.Uuid))!.IsLocked);

        using (var locked = JsonDocument.Parse(await (await client.PostAsync(Path(server, $"/{backup.Uuid}/lock"), null)).Content.ReadAsStringAsync()))
        {
            Assert.True(locked.RootElement.GetProperty("attributes").GetProperty("is_locked").GetBoolean());
        }
        await ApiErrorAssert.AssertAsync(await client.DeleteAsync(Path(server, $"/{backup.Uuid}")), 400, "Cannot delete a backup that is marked as locked.", "BackupLockedException");
        Assert.Null((await BackupSetup.ReadAsync(Fixture, backup.Uuid))!.DeletedAt);
        using (var unlocked = JsonDocument.Parse(await (await client.PostAsync(Path(server, $"/{backup.Uuid}/lock"), null)).Content.ReadAsStringAsync()))
        {
            Assert.False(unlocked.RootElement.GetProperty("attributes").GetProperty("is_locked").GetBoolean());
        }
        var events = (await Fixture.WaitForActivityAsync(server.Uuid, 2)).Select(r => r.Event).ToList();
        Assert.Equal(["server:backup.lock", "server:backup.unlock"], events);
    }

    [Fact]
    public async Task Delete_CallsNode_ToleratesItsNotFound_RowGone_AndLockedFailedMayGo()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await ServerAsync(owner, 3);
        var backup = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(1));
        var lockedFailed = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(2), successful: false, locked: true);
        using var client = await ClientOfAsync(owner);
        using (var response = await client.DeleteAsync(Path(server, $"/{backup.Uuid}")))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        // The node has no archive of a row made in the database: its 404 means "already gone".
        Assert.Contains(Fixture.Node.Calls, c => c.Method == "DELETE" && c.Path == $"/api/servers/{server.Uuid}/backup/{backup.Uuid}" && c.Status == 404);
        Assert.NotNull((await BackupSetup.ReadAsync(Fixture, backup.Uuid))!.DeletedAt);
        using (var response = await client.DeleteAsync(Path(server, $"/{lockedFailed.Uuid}")))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        using var doc = JsonDocument.Parse(await client.GetStringAsync(Path(server)));
        Assert.Equal(0, doc.RootElement.GetProperty("data").GetArrayLength());
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 2);
        Assert.Equal(2, rows.Count(r => r.Event == "server:backup.delete"));
    }

    [Fact]
    public async Task Restore_Refusals_AndNodeFailureLeavesStatusNull()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await ServerAsync(owner, 3);
        var pending = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(1), successful: null);
        var failed = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(2), successful: false);
        var ok = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(3));
        using var client = await ClientOfAsync(owner);
        foreach (var b in new[] { pending, failed })
        {
            await ApiErrorAssert.AssertAsync(await client.PostAsync(Path(server, $"/{b.Uuid}/restore"), Body("""{"truncate":true}""")), 400,
                "This backup cannot be restored at this time: not completed or failed.");
        }
        Assert.Equal([("truncate", "boolean")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(Path(server, $"/{ok.Uuid}/restore"), Body("""{"truncate":"x"}"""))));

        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Status = "reinstall_failed");
        await ApiErrorAssert.AssertAsync(await client.PostAsync(Path(server, $"/{ok.Uuid}/restore"), null), 400,
            "This server is not currently in a state that allows for a backup to be restored.");
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Status = null);

        // No archive on the node for a row made in the database: the node refuses, the status goes back.
        using (var response = await client.PostAsync(Path(server, $"/{ok.Uuid}/restore"), null))
        {
            Assert.Equal(404, (int)response.StatusCode);
        }
        var call = Fixture.Node.Calls.Last(c => c.Path == $"/api/servers/{server.Uuid}/backup/{ok.Uuid}/restore");
        using (var body = JsonDocument.Parse(call.Body))
        {
            Assert.Equal("wings", body.RootElement.GetProperty("adapter").GetString());
            Assert.False(body.RootElement.GetProperty("truncate_directory").GetBoolean());
            Assert.Equal("", body.RootElement.GetProperty("download_url").GetString());
        }
        Assert.Null((await ClientServerSetup.ReadAsync(Fixture, server)).Status);
    }

    [Fact]
    public async Task RestoringServer_RefusesTheClientApi_With409()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await ServerAsync(owner, 3);
        var ok = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(3));
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Status = ServerStateGate.RestoringBackupStatus);
        using var client = await ClientOfAsync(owner);
        const string text = "This server is currently restoring from a backup, please try again later.";
        await ApiErrorAssert.AssertAsync(await client.GetAsync(Path(server)), 409, text, "ServerStateConflictException");
        await ApiErrorAssert.AssertAsync(await client.PostAsync(Path(server, $"/{ok.Uuid}/restore"), null), 409, text, "ServerStateConflictException");
        await ApiErrorAssert.AssertAsync(await client.PostAsync(Path(server), null), 409, text, "ServerStateConflictException");
    }

    [Fact]
    public async Task Download_SignedNodeUrl_ScopedToTheBackup_NeedsDownload()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await ServerAsync(owner, 3);
        await Fixture.AddSubuserAsync(server, sub, "backup.read");
        var backup = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(1));
        using var client = await ClientOfAsync(owner);
        using var doc = JsonDocument.Parse(await client.GetStringAsync(Path(server, $"/{backup.Uuid}/download")));
        Assert.Equal("signed_url", doc.RootElement.GetProperty("object").GetString());
        var url = doc.RootElement.GetProperty("attributes").GetProperty("url").GetString()!;
        const string prefix = "https://node.example.com:8080/download/backup?token=";
        Assert.StartsWith(prefix, url, StringComparison.Ordinal);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(url[prefix.Length..], new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Fixture.NodeSecret)),
            ValidateIssuer = false,
            ValidateAudience = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var claims = result.Claims;
        Assert.Equal("backup-download", claims["scope"]);
        Assert.Equal(backup.Uuid.ToString(), claims["backup_uuid"]);
        Assert.Equal(server.Uuid.ToString(), claims["server_uuid"]);
        Assert.Equal(owner.Uuid.ToString(), claims["user_uuid"]);
        Assert.Equal(900L, Convert.ToInt64(claims["exp"], System.Globalization.CultureInfo.InvariantCulture) - Convert.ToInt64(claims["iat"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(await OtherUniqueIdAsync(client, server, backup), claims["unique_id"]);
        Assert.Contains(await Fixture.WaitForActivityAsync(server.Uuid, 1), r => r.Event == "server:backup.download");
        using var subClient = await ClientOfAsync(sub);
        await ApiErrorAssert.AssertAsync(await subClient.GetAsync(Path(server, $"/{backup.Uuid}/download")), 403, Unauthorized);
    }

    private static async Task<object> OtherUniqueIdAsync(HttpClient client, GameServer server, Backup backup)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync(Path(server, $"/{backup.Uuid}/download")));
        var url = doc.RootElement.GetProperty("attributes").GetProperty("url").GetString()!;
        return new JsonWebToken(url[(url.IndexOf('=', StringComparison.Ordinal) + 1)..]).GetClaim("unique_id").Value;
    }

    [Fact]
    public async Task Retention_Get_Put_Preview()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (reader, _) = await Fixture.CreateUserAsync();
        var server = await ServerAsync(owner, 10);
        await Fixture.AddSubuserAsync(server, reader, "backup.read");
        var newest = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromHours(1));
        var older = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromDays(3));
        var locked = await BackupSetup.AddAsync(Fixture, server, TimeSpan.FromDays(4), locked: true);
        using var client = await ClientOfAsync(owner);
        using var readerClient = await ClientOfAsync(reader);

        using (var doc = JsonDocument.Parse(await readerClient.GetStringAsync(Path(server, "/retention"))))
        {
            Assert.Equal("backup_retention", doc.RootElement.GetProperty("object").GetString());
            var a = doc.RootElement.GetProperty("attributes");
            Assert.Equal((3, 7, "rotate", 24), (a.GetProperty("keep_last").GetInt32(), a.GetProperty("keep_daily").GetInt32(), a.GetProperty("on_limit").GetString(), a.GetProperty("prune_failed_after_hours").GetInt32()));
            Assert.Equal(JsonValueKind.Null, a.GetProperty("max_age_days").ValueKind);
        }
        // The preview of a stricter policy, before it is saved: the older unlocked one would go.
        using (var doc = JsonDocument.Parse(await readerClient.GetStringAsync(Path(server, "/retention/preview?keep_last=1&keep_daily=0&keep_weekly=0&keep_monthly=0"))))
        {
            var data = doc.RootElement.GetProperty("data");
            Assert.Equal([older.Uuid.ToString()], data.EnumerateArray().Select(d => d.GetProperty("attributes").GetProperty("uuid").GetString()));
            Assert.Equal("policy", data[0].GetProperty("attributes").GetProperty("reason").GetString());
            Assert.Equal(1, doc.RootElement.GetProperty("meta").GetProperty("policy").GetProperty("keep_last").GetInt32());
        }
        // The stored (default) policy keeps both: the older one is the newest of its day.
        using (var doc = JsonDocument.Parse(await readerClient.GetStringAsync(Path(server, "/retention/preview"))))
        {
            Assert.Equal(0, doc.RootElement.GetProperty("data").GetArrayLength());
        }
        Assert.Equal([("keep_last", "min"), ("on_limit", "in")], await ApiErrorAssert.AssertValidationAsync(
            await client.PutAsync(Path(server, "/retention"), Body("""{"keep_last":-1,"on_limit":"sometimes"}"""))));
        using (var put = await client.PutAsync(Path(server, "/retention"), Body("""{"keep_last":1,"keep_daily":0,"keep_weekly":null,"keep_monthly":0,"max_total_bytes":1000000}""")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            using var doc = JsonDocument.Parse(await put.Content.ReadAsStringAsync());
            var a = doc.RootElement.GetProperty("attributes");
            Assert.Equal(JsonValueKind.Null, a.GetProperty("keep_weekly").ValueKind);
            Assert.Equal(1000000, a.GetProperty("max_total_bytes").GetInt64());
            Assert.Equal(24, a.GetProperty("prune_failed_after_hours").GetInt32());
        }
        var stored = RetentionPolicy.Read((await ClientServerSetup.ReadAsync(Fixture, server)).BackupRetentionJson);
        Assert.Equal(RetentionPolicy.Default with { KeepLast = 1, KeepDaily = 0, KeepWeekly = null, KeepMonthly = 0, MaxTotalBytes = 1000000 }, stored);
        using (var doc = JsonDocument.Parse(await readerClient.GetStringAsync(Path(server, "/retention/preview"))))
        {
            Assert.Equal([older.Uuid.ToString()], doc.RootElement.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("attributes").GetProperty("uuid").GetString()));
        }
        // A preview deletes nothing.
        Assert.Equal([newest.Uuid, older.Uuid, locked.Uuid], (await BackupSetup.OfAsync(Fixture, server)).Select(b => b.Uuid));
    }
}

public sealed class BackupsApiSqliteTests(SqlitePanelFixture f) : BackupsApiTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class BackupsApiPostgresTests(PostgresPanelFixture f) : BackupsApiTests(f), IClassFixture<PostgresPanelFixture>;
