using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aerie.Contracts.Socket;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.ClientServers;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Schedules;

/// <summary>The schedule and task routes of spec 04 §2.9 with spec 07 §10's texts, and a real <c>* * * * *</c> run.</summary>
public abstract class ScheduleRoutesTests(PanelFixture fixture)
{
    private const string EchoGame = "echo Done; while IFS= read -r line; do if [ \"$line\" = stop ]; then sleep 1; exit 0; fi; echo \"echo: $line\"; done";
    private const string Unauthorized = "This action is unauthorized.";
    private const string NotForServer = "The requested resource was not found for this server.";
    private const string Yearly = """{"name":"yearly","minute":"0","hour":"4","day_of_month":"1","month":"1","day_of_week":"*"}""";

    protected PanelFixture Fixture { get; } = fixture;

    private async Task<HttpClient> ClientOfAsync(PanelUser user) => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<int> CreateScheduleAsync(HttpClient client, string path, string body = Yearly) =>
        (await OkJsonAsync(await client.PostAsync(path, Body(body)))).GetProperty("attributes").GetProperty("id").GetInt32();

    private static async Task<JsonElement> CreateTaskAsync(HttpClient client, string schedulePath, string body) =>
        (await OkJsonAsync(await client.PostAsync(schedulePath + "/tasks", Body(body)))).GetProperty("attributes");

    private static async Task<List<(int Id, int Sequence, string Payload)>> TasksAsync(HttpClient client, string schedulePath)
    {
        var doc = await OkJsonAsync(await client.GetAsync(schedulePath));
        return [.. doc.GetProperty("attributes").GetProperty("relationships").GetProperty("tasks").GetProperty("data").EnumerateArray()
            .Select(t => t.GetProperty("attributes"))
            .Select(a => (a.GetProperty("id").GetInt32(), a.GetProperty("sequence_id").GetInt32(), a.GetProperty("payload").GetString()!))];
    }

    [Fact]
    public async Task Create_ShapeNextRunAndMonthDefault_ListAndDetails()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = await ClientOfAsync(owner);
        var path = $"/api/client/servers/{server.Identifier}/schedules";

        // pterojs sends no month: it is every month.
        var created = await OkJsonAsync(await client.PostAsync(path, Body("""{"name":"nightly","minute":"0","hour":"4","day_of_month":"*","day_of_week":"*","only_when_online":true}""")));
        Assert.Equal("server_schedule", created.GetProperty("object").GetString());
        var a = created.GetProperty("attributes");
        Assert.Equal(
            ["id", "name", "cron", "is_active", "is_processing", "only_when_online", "last_run_at", "next_run_at", "created_at", "updated_at", "relationships"],
            a.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(["day_of_week", "day_of_month", "month", "hour", "minute"], a.GetProperty("cron").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("*", a.GetProperty("cron").GetProperty("month").GetString());
        Assert.Equal("4", a.GetProperty("cron").GetProperty("hour").GetString());
        Assert.True(a.GetProperty("is_active").GetBoolean());
        Assert.False(a.GetProperty("is_processing").GetBoolean());
        Assert.True(a.GetProperty("only_when_online").GetBoolean());
        Assert.Equal(JsonValueKind.Null, a.GetProperty("last_run_at").ValueKind);
        var next = DateTimeOffset.Parse(a.GetProperty("next_run_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith("+00:00", a.GetProperty("next_run_at").GetString(), StringComparison.Ordinal);
        Assert.Equal((4, 0, 0), (next.UtcDateTime.Hour, next.Minute, next.Second));
        Assert.InRange(next, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal("list", a.GetProperty("relationships").GetProperty("tasks").GetProperty("object").GetString());
        var id = a.GetProperty("id").GetInt32();

        var list = await OkJsonAsync(await client.GetAsync(path));
        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Equal(id, Assert.Single(list.GetProperty("data").EnumerateArray()).GetProperty("attributes").GetProperty("id").GetInt32());
        var details = await OkJsonAsync(await client.GetAsync($"{path}/{id}"));
        Assert.Equal("nightly", details.GetProperty("attributes").GetProperty("name").GetString());
        Assert.Contains(await Fixture.WaitForActivityAsync(server.Uuid, 1), r => r.Event == "server:schedule.create" && r.UserUuid == owner.Uuid);
    }

    [Fact]
    public async Task Cron_InvalidIs400_NamesWeekdaySevenAndSpecialsAccepted_Validation422()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = await ClientOfAsync(owner);
        var path = $"/api/client/servers/{server.Identifier}/schedules";
        const string invalid = "The cron data provided does not evaluate to a valid expression.";
        foreach (var bad in new[] { """ "minute":"61","hour":"*" """, """ "minute":"*","hour":"24" """, """ "minute":"x","hour":"*" """, """ "minute":"* *","hour":"*" """ })
        {
            await ApiErrorAssert.AssertAsync(await client.PostAsync(path, Body($$"""{"name":"n",{{bad}},"day_of_month":"*","day_of_week":"*"}""")), 400, invalid, "DisplayException");
        }
        // An unknown zone, or a Windows id instead of an IANA one, fails the timezone field (spec 04 §1.5's 422), on create and in the preview.
        foreach (var zone in new[] { "Mars/Olympus", "W. Europe Standard Time" })
        {
            var json = $$"""{"name":"n","minute":"0","hour":"0","day_of_month":"*","day_of_week":"*","timezone":"{{zone}}"}""";
            var errors = await ApiErrorAssert.AssertAsync(await client.PostAsync(path, Body(json)), 422, "The timezone field must be a valid timezone.", "ValidationException");
            Assert.Equal(("timezone", "timezone"), (errors[0].GetProperty("meta").GetProperty("source_field").GetString(), errors[0].GetProperty("meta").GetProperty("rule").GetString()));
            Assert.Equal([("timezone", "timezone")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(path + "/preview", Body(json))));
        }
        var berlin = await OkJsonAsync(await client.PostAsync(path, Body("""{"name":"n","minute":"0","hour":"0","day_of_month":"*","day_of_week":"*","timezone":"Europe/Berlin"}""")));
        Assert.Equal("Europe/Berlin", berlin.GetProperty("attributes").GetProperty("timezone").GetString());
        foreach (var (dom, month, dow) in new[] { ("*", "jan-mar", "mon-fri"), ("*", "*", "7"), ("L", "*", "?"), ("15W", "*", "?"), ("?", "*", "fri#2"), ("*", "*", "0-7") })
        {
            await OkJsonAsync(await client.PostAsync(path, Body($$"""{"name":"n","minute":"*/5","hour":"1-3,5","day_of_month":"{{dom}}","month":"{{month}}","day_of_week":"{{dow}}"}""")));
        }
        var problems = await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(path, Body("""{"minute":"*","day_of_month":"*","day_of_week":"*","is_active":"maybe"}""")));
        Assert.Equal([("name", "required"), ("hour", "required"), ("is_active", "boolean")], problems);
        await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(path, Body($$"""{"name":"{{new string('n', 192)}}","minute":"*","hour":"*","day_of_month":"*","day_of_week":"*"}""")));
    }

    [Fact]
    public async Task Preview_DescribesAndListsFiveRuns()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = await ClientOfAsync(owner);
        var preview = (await OkJsonAsync(await client.PostAsync($"/api/client/servers/{server.Identifier}/schedules/preview",
            Body("""{"name":"p","minute":"30","hour":"4","day_of_month":"*","day_of_week":"1"}""")))).GetProperty("attributes");
        Assert.Equal("At 04:30 on Monday (UTC)", preview.GetProperty("description").GetString());
        var runs = preview.GetProperty("next_runs").EnumerateArray().Select(r => DateTimeOffset.Parse(r.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, runs.Count);
        Assert.All(runs, r => Assert.Equal((DayOfWeek.Monday, 4, 30), (r.UtcDateTime.DayOfWeek, r.UtcDateTime.Hour, r.UtcDateTime.Minute)));
        Assert.All(runs.Zip(runs.Skip(1)), p => Assert.Equal(TimeSpan.FromDays(7), p.Second - p.First));
        await ApiErrorAssert.AssertAsync(await client.PostAsync($"/api/client/servers/{server.Identifier}/schedules/preview",
            Body("""{"name":"p","minute":"99","hour":"4","day_of_month":"*","day_of_week":"1"}""")), 400, "The cron data provided does not evaluate to a valid expression.");
    }

    [Fact]
    public async Task Update_PostAndPatch_TogglingActiveClearsProcessing_Delete()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = await ClientOfAsync(owner);
        var path = $"/api/client/servers/{server.Identifier}/schedules";
        var id = await CreateScheduleAsync(client, path);
        await CreateTaskAsync(client, $"{path}/{id}", """{"action":"command","payload":"say hi","time_offset":900}""");
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Schedules.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.IsProcessing, true)));

        var same = (await OkJsonAsync(await client.PostAsync($"{path}/{id}", Body("""{"name":"renamed","minute":"5","hour":"*","day_of_month":"*","day_of_week":"*","is_active":true}""")))).GetProperty("attributes");
        Assert.Equal("renamed", same.GetProperty("name").GetString());
        Assert.True(same.GetProperty("is_processing").GetBoolean());
        var next = DateTimeOffset.Parse(same.GetProperty("next_run_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(5, next.Minute);
        using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"{path}/{id}") { Content = Body("""{"name":"patched","minute":"5","hour":"*","day_of_month":"*","day_of_week":"*","is_active":false}""") })
        {
            var toggled = (await OkJsonAsync(await client.SendAsync(patch))).GetProperty("attributes");
            Assert.Equal("patched", toggled.GetProperty("name").GetString());
            Assert.False(toggled.GetProperty("is_active").GetBoolean());
            Assert.False(toggled.GetProperty("is_processing").GetBoolean());
        }
        await ApiErrorAssert.AssertAsync(await client.PostAsync($"{path}/{id}", Body("""{"name":"x","minute":"99","hour":"*","day_of_month":"*","day_of_week":"*"}""")), 400,
            "The cron data provided does not evaluate to a valid expression.");

        using (var deleted = await client.DeleteAsync($"{path}/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        await ApiErrorAssert.AssertAsync(await client.GetAsync($"{path}/{id}"), 404, NotForServer);
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 5);
        Assert.Equal(2, rows.Count(r => r.Event == "server:schedule.update"));
        Assert.Contains(rows, r => r.Event == "server:schedule.delete");
        Assert.Contains(rows, r => r.Event == "server:task.create");
    }

    [Fact]
    public async Task Permissions_ReadCreateUpdateDelete_AndOtherServersSchedules()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (reader, _) = await Fixture.CreateUserAsync();
        var (stranger, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var other = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, reader, "schedule.read");
        using var ownerClient = await ClientOfAsync(owner);
        using var readerClient = await ClientOfAsync(reader);
        using var strangerClient = await ClientOfAsync(stranger);
        var path = $"/api/client/servers/{server.Identifier}/schedules";
        var id = await CreateScheduleAsync(ownerClient, path);
        var task = (await CreateTaskAsync(ownerClient, $"{path}/{id}", """{"action":"command","payload":"say hi","time_offset":0}""")).GetProperty("id").GetInt32();

        await OkJsonAsync(await readerClient.GetAsync(path));
        await OkJsonAsync(await readerClient.GetAsync($"{path}/{id}"));
        await ApiErrorAssert.AssertAsync(await readerClient.PostAsync(path, Body(Yearly)), 403, Unauthorized, "AccessDeniedHttpException");
        await ApiErrorAssert.AssertAsync(await readerClient.PostAsync($"{path}/{id}", Body(Yearly)), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await readerClient.PostAsync($"{path}/{id}/execute", Body("")), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await readerClient.PostAsync($"{path}/{id}/tasks", Body("""{"action":"command","payload":"x","time_offset":0}""")), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await readerClient.PostAsync($"{path}/{id}/tasks/{task}", Body("""{"action":"command","payload":"x","time_offset":0}""")), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await readerClient.DeleteAsync($"{path}/{id}/tasks/{task}"), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await readerClient.DeleteAsync($"{path}/{id}"), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await strangerClient.GetAsync(path), 404, "The requested resource does not exist on this server.");
        // A schedule is reached only through its own server.
        await ApiErrorAssert.AssertAsync(await ownerClient.GetAsync($"/api/client/servers/{other.Identifier}/schedules/{id}"), 404, NotForServer);
        await ApiErrorAssert.AssertAsync(await ownerClient.DeleteAsync($"/api/client/servers/{other.Identifier}/schedules/{id}"), 404, NotForServer);
        await ApiErrorAssert.AssertAsync(await ownerClient.GetAsync($"{path}/abc"), 404, NotForServer);
        await ApiErrorAssert.AssertAsync(await ownerClient.DeleteAsync($"{path}/{id}/tasks/{task + 100000}"), 404, NotForServer);
        // The server's state gate comes first.
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Suspended = true);
        await ApiErrorAssert.AssertAsync(await ownerClient.GetAsync(path), 409, null, "ServerStateConflictException");
    }

    [Fact]
    public async Task Tasks_SequenceShifting_Limit_Validation_AndBackupLimitZero()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = await ClientOfAsync(owner);
        var schedule = $"/api/client/servers/{server.Identifier}/schedules/{await CreateScheduleAsync(client, $"/api/client/servers/{server.Identifier}/schedules")}";

        var first = await CreateTaskAsync(client, schedule, """{"action":"command","payload":"a","time_offset":0}""");
        Assert.Equal("schedule_task", (await OkJsonAsync(await client.PostAsync(schedule + "/tasks", Body("""{"action":"power","payload":"restart","time_offset":"30","continue_on_failure":true}""")))).GetProperty("object").GetString());
        Assert.Equal(
            ["id", "sequence_id", "action", "payload", "time_offset", "is_queued", "continue_on_failure", "created_at", "updated_at"],
            first.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(1, first.GetProperty("sequence_id").GetInt32());
        // Inserted at 1: the others move down; a sequence past the end is the end.
        await CreateTaskAsync(client, schedule, """{"action":"command","payload":"first","time_offset":0,"sequence_id":1}""");
        var last = await CreateTaskAsync(client, schedule, """{"action":"backup","time_offset":0,"sequence_id":50}""");
        Assert.Equal(4, last.GetProperty("sequence_id").GetInt32());
        Assert.Equal("", last.GetProperty("payload").GetString());
        Assert.Equal([(1, "first"), (2, "a"), (3, "restart"), (4, "")], (await TasksAsync(client, schedule)).Select(t => (t.Sequence, t.Payload)).ToArray());

        // Moving "first" to 3 moves those between up; deleting closes the gap.
        var firstId = (await TasksAsync(client, schedule))[0].Id;
        var moved = (await OkJsonAsync(await client.PostAsync($"{schedule}/tasks/{firstId}", Body("""{"action":"command","payload":"moved","time_offset":5,"sequence_id":3}""")))).GetProperty("attributes");
        Assert.Equal(3, moved.GetProperty("sequence_id").GetInt32());
        Assert.Equal(5, moved.GetProperty("time_offset").GetInt32());
        Assert.Equal([(1, "a"), (2, "restart"), (3, "moved"), (4, "")], (await TasksAsync(client, schedule)).Select(t => (t.Sequence, t.Payload)).ToArray());
        using (var deleted = await client.DeleteAsync($"{schedule}/tasks/{(await TasksAsync(client, schedule))[0].Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.Equal([(1, "restart"), (2, "moved"), (3, "")], (await TasksAsync(client, schedule)).Select(t => (t.Sequence, t.Payload)).ToArray());

        Assert.Equal([("action", "required"), ("time_offset", "required")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(schedule + "/tasks", Body("{}"))));
        Assert.Equal([("payload", "required")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(schedule + "/tasks", Body("""{"action":"command","time_offset":0}"""))));
        Assert.Equal([("action", "in")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(schedule + "/tasks", Body("""{"action":"explode","payload":"x","time_offset":0}"""))));
        Assert.Equal([("time_offset", "max")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(schedule + "/tasks", Body("""{"action":"command","payload":"x","time_offset":901}"""))));
        Assert.Equal([("time_offset", "min")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(schedule + "/tasks", Body("""{"action":"command","payload":"x","time_offset":-1}"""))));
        Assert.Equal([("payload", "in")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(schedule + "/tasks", Body("""{"action":"power","payload":"explode","time_offset":0}"""))));
        Assert.Equal([("payload", "regex")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(schedule + "/tasks", Body("""{"action":"command","payload":"say a\nsay b","time_offset":0}"""))));
        var files = await CreateTaskAsync(client, schedule, """{"action":"delete_files","payload":"logs/old.log\ncache","time_offset":0}""");
        Assert.Equal("logs/old.log\ncache", files.GetProperty("payload").GetString());

        for (var n = (await TasksAsync(client, schedule)).Count; n < 10; n++)
        {
            await CreateTaskAsync(client, schedule, """{"action":"command","payload":"more","time_offset":0}""");
        }
        await ApiErrorAssert.AssertAsync(await client.PostAsync(schedule + "/tasks", Body("""{"action":"command","payload":"eleventh","time_offset":0}""")), 400,
            "Schedules may not have more than 10 tasks associated with them. Creating this task would put this schedule over the limit.", "ServiceLimitExceededException");

        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.BackupLimit = 0);
        var otherSchedule = $"/api/client/servers/{server.Identifier}/schedules/{await CreateScheduleAsync(client, $"/api/client/servers/{server.Identifier}/schedules")}";
        await ApiErrorAssert.AssertAsync(await client.PostAsync(otherSchedule + "/tasks", Body("""{"action":"backup","time_offset":0}""")), 403,
            "A backup task cannot be created when the server's backup limit is set to 0.", "HttpForbiddenException");
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 14);
        Assert.Contains(rows, r => r.Event == "server:task.update");
        Assert.Contains(rows, r => r.Event == "server:task.delete");
    }

    [Fact]
    public async Task Execute_202_NoTasks400_Running409_RunsEvenWhenInactive()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, invocation: EchoGame);
        using var client = await ClientOfAsync(owner);
        var path = $"/api/client/servers/{server.Identifier}/schedules";
        var id = await CreateScheduleAsync(client, path, """{"name":"manual","minute":"0","hour":"4","day_of_month":"1","month":"1","day_of_week":"*","is_active":false}""");
        await ApiErrorAssert.AssertAsync(await client.PostAsync($"{path}/{id}/execute", Body("")), 400,
            "Cannot process schedule for task execution: no tasks are registered.", "DisplayException");
        await CreateTaskAsync(client, $"{path}/{id}", """{"action":"command","payload":"run now","time_offset":0}""");
        // The second task waits 15 minutes: the run stays in progress for the 409.
        await CreateTaskAsync(client, $"{path}/{id}", """{"action":"command","payload":"much later","time_offset":900}""");
        using (var start = await Fixture.Node.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/power", new { action = PowerActions.Start }))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }
        await Eventually.TrueAsync(() => Fixture.Node.ServerOf(server.Uuid).State == ServerStates.Running, what: "the server running on the node");

        using (var executed = await client.PostAsync($"{path}/{id}/execute", Body("")))
        {
            Assert.Equal(HttpStatusCode.Accepted, executed.StatusCode);
        }
        await ApiErrorAssert.AssertAsync(await client.PostAsync($"{path}/{id}/execute", Body("")), 409, "This schedule is already running.", "ConflictHttpException");
        await Fixture.Node.WaitForCallAsync(c => c.Path == $"/api/servers/{server.Uuid}/commands" && c.Body.Contains("run now", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        var details = (await OkJsonAsync(await client.GetAsync($"{path}/{id}"))).GetProperty("attributes");
        Assert.True(details.GetProperty("is_processing").GetBoolean());
        var rows = await Eventually.ValueAsync(() => Fixture.WaitForActivityAsync(server.Uuid, 1), r => r.Any(x => x.Event == "server:task.succeeded"), "the task's outcome in the activity log");
        Assert.Contains(rows, r => r.Event == "server:schedule.execute" && r.UserUuid == owner.Uuid);
        using var killed = await Fixture.Node.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/power", new { action = PowerActions.Kill });
    }

    [Fact]
    public async Task EveryMinute_CommandReachesConsoleAndActivityWithin70Seconds()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, invocation: EchoGame);
        using var client = await ClientOfAsync(owner);
        using (var start = await Fixture.Node.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/power", new { action = PowerActions.Start }))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }
        await Eventually.TrueAsync(() => Fixture.Node.ServerOf(server.Uuid).State == ServerStates.Running, what: "the server running on the node");
        await using var console = await ConsoleClient.ConnectAsync(Fixture.Node.SocketUri(server.Uuid.ToString()));
        await console.AuthenticateAsync(new TokenMinter(Fixture.NodeSecret).Mint(server.Uuid.ToString()));
        var began = DateTimeOffset.UtcNow;
        var path = $"/api/client/servers/{server.Identifier}/schedules";
        var id = await CreateScheduleAsync(client, path, """{"name":"every minute","minute":"*","hour":"*","day_of_month":"*","day_of_week":"*"}""");
        await CreateTaskAsync(client, $"{path}/{id}", """{"action":"command","payload":"scheduled hello","time_offset":0}""");

        await console.WaitForConsoleAsync("echo: scheduled hello", TimeSpan.FromSeconds(70));
        var rows = await Eventually.ValueAsync(() => Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Activity.AsNoTracking().Where(a => a.ServerUuid == server.Uuid).ToListAsync()),
            r => r.Any(x => x.Event == "server:task.succeeded"), "the scheduled task in the activity log", TimeSpan.FromSeconds(70) - (DateTimeOffset.UtcNow - began));
        Assert.Contains(rows, r => r.Event == "server:task.succeeded" && r.MetadataJson.Contains("scheduled hello", StringComparison.Ordinal));
        Assert.InRange(DateTimeOffset.UtcNow - began, TimeSpan.Zero, TimeSpan.FromSeconds(70));
        var after = (await OkJsonAsync(await client.GetAsync($"{path}/{id}"))).GetProperty("attributes");
        await Eventually.TrueAsync(async () => (await OkJsonAsync(await client.GetAsync($"{path}/{id}"))).GetProperty("attributes").GetProperty("last_run_at").ValueKind == JsonValueKind.String, "last_run_at set");
        Assert.Equal(JsonValueKind.String, after.GetProperty("next_run_at").ValueKind);
        using var killed = await Fixture.Node.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/power", new { action = PowerActions.Kill });
    }
}

public sealed class ScheduleRoutesSqliteTests(SqlitePanelFixture f) : ScheduleRoutesTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ScheduleRoutesPostgresTests(PostgresPanelFixture f) : ScheduleRoutesTests(f), IClassFixture<PostgresPanelFixture>;
