using System.Net;
using System.Net.Http.Json;
using Aerie.Contracts.Socket;
using Aerie.Panel.Activity;
using Aerie.Panel.Data;
using Aerie.Panel.Schedules;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Panel.Tests.Schedules;

/// <summary>
/// The runner's passes on a fake clock against the real test node. The clock starts a year ahead, so the fixture
/// panel's own runner (on real time) never finds these schedules or tasks due; each test uses a lease row of its own.
/// </summary>
public abstract class ScheduleRunnerTests(PanelFixture fixture)
{
    private const string EchoGame = "echo Done; while IFS= read -r line; do if [ \"$line\" = stop ]; then sleep 1; exit 0; fi; echo \"echo: $line\"; done";

    protected PanelFixture Fixture { get; } = fixture;

    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow.AddDays(365));

    private async Task<ScheduleRunner> RunnerAsync(string? lease = null)
    {
        var options = new ScheduleRunnerOptions { Enabled = false, LeaseName = lease ?? PanelFixture.Unique("lease") };
        if (lease is null)
        {
            await Fixture.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<PanelDb>();
                db.Leases.Add(new RunnerLease { Name = options.LeaseName });
                return await db.SaveChangesAsync();
            });
        }
        return new ScheduleRunner(Fixture.Panel.Services.GetRequiredService<IServiceScopeFactory>(), options, time,
            Fixture.Panel.Services.GetRequiredService<ActivityWriter>(), NullLogger<ScheduleRunner>.Instance);
    }

    private async Task<GameServer> RunningServerAsync()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, invocation: EchoGame);
        using var start = await Fixture.Node.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/power", new { action = PowerActions.Start });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        await Eventually.TrueAsync(() => Fixture.Node.ServerOf(server.Uuid).State == ServerStates.Running, what: "the server running on the node");
        return server;
    }

    /// <summary>A schedule due now on the fake clock, with the given tasks in order.</summary>
    private Task<int> DueScheduleAsync(GameServer server, bool onlyWhenOnline = false, params (string Action, string Payload, int Offset, bool Continue)[] tasks) =>
        Fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var now = time.GetUtcNow();
            var schedule = new Schedule { ServerId = server.Id, Name = PanelFixture.Unique("s"), CronMinute = "0", CronHour = "4", OnlyWhenOnline = onlyWhenOnline, NextRunUnixMs = now.ToUnixTimeMilliseconds() - 1000, CreatedAt = now, UpdatedAt = now };
            var n = 0;
            schedule.Tasks.AddRange(tasks.Select(t => new ScheduleTask { Action = t.Action, Payload = t.Payload, TimeOffset = t.Offset, ContinueOnFailure = t.Continue, SequenceId = ++n, CreatedAt = now, UpdatedAt = now }));
            db.Schedules.Add(schedule);
            await db.SaveChangesAsync();
            return schedule.Id;
        });

    private Task<Schedule> ReadAsync(int id) =>
        Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Schedules.AsNoTracking().Include(s => s.Tasks).FirstAsync(s => s.Id == id));

    private int Commands(GameServer server, string payload) =>
        Fixture.Node.Calls.Count(c => c.Path == $"/api/servers/{server.Uuid}/commands" && c.Body.Contains($"\"{payload}\"", StringComparison.Ordinal));

    private async Task AdvanceAndPassAsync(ScheduleRunner runner, int seconds)
    {
        time.Advance(TimeSpan.FromSeconds(seconds));
        Assert.True(await runner.PassAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Offsets_ChainAfterThePreviousTaskFinished_ThenRunEnds()
    {
        var server = await RunningServerAsync();
        var runner = await RunnerAsync();
        var id = await DueScheduleAsync(server, false, ("command", "one", 10, false), ("command", "two", 20, false));
        var started = time.GetUtcNow();

        await AdvanceAndPassAsync(runner, 0);
        var running = await ReadAsync(id);
        Assert.True(running.IsProcessing);
        Assert.True(running.Tasks.Single(t => t.SequenceId == 1).IsQueued);
        // next_run_at moved on at the run's start: the next 04:00 after now.
        Assert.True(running.NextRunUnixMs > started.ToUnixTimeMilliseconds());
        Assert.Equal(0, Commands(server, "one"));
        await AdvanceAndPassAsync(runner, 9);
        Assert.Equal(0, Commands(server, "one"));
        await AdvanceAndPassAsync(runner, 1);
        Assert.Equal(1, Commands(server, "one"));
        // The second counts its 20 s from the first's end, not from the run's start.
        await AdvanceAndPassAsync(runner, 19);
        Assert.Equal(0, Commands(server, "two"));
        Assert.True((await ReadAsync(id)).Tasks.Single(t => t.SequenceId == 2).IsQueued);
        await AdvanceAndPassAsync(runner, 1);
        Assert.Equal(1, Commands(server, "two"));
        var done = await ReadAsync(id);
        Assert.False(done.IsProcessing);
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), done.LastRunUnixMs);
        Assert.All(done.Tasks, t => Assert.False(t.IsQueued));
        await AdvanceAndPassAsync(runner, 60);
        Assert.Equal(1, Commands(server, "one"));
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 4);
        Assert.Equal(2, rows.Count(r => r.Event == "server:task.succeeded"));
        Assert.Contains(rows, r => r.Event == "server:schedule.run.start");
        Assert.Contains(rows, r => r.Event == "server:schedule.run.end" && r.MetadataJson.Contains("completed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ContinueOnFailure_CoversEveryFailure_AndAFailureWithoutItEndsTheRun()
    {
        // Offline: the node answers every command 502.
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, invocation: EchoGame);
        var runner = await RunnerAsync();
        var id = await DueScheduleAsync(server, false, ("backup", "", 0, true), ("command", "offline", 0, false), ("command", "never", 0, false));

        await AdvanceAndPassAsync(runner, 0);
        Assert.Equal(1, Commands(server, "offline"));
        Assert.Equal(0, Commands(server, "never"));
        Assert.False((await ReadAsync(id)).IsProcessing);
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 4);
        var failed = rows.Where(r => r.Event == "server:task.failed").Select(r => r.MetadataJson).ToList();
        Assert.Equal(2, failed.Count);
        // The server may keep no backups (limit 0): the backup task is refused with the user's text, and the run goes on.
        Assert.Contains(failed, m => m.Contains("Cannot create a new backup, this server has reached its limit of 0 backups.", StringComparison.Ordinal));
        Assert.Contains(failed, m => m.Contains("Server must be online in order to send commands.", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Event == "server:schedule.run.end" && r.MetadataJson.Contains("task failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnlyWhenOnline_OfflineServerRunsNoTask_DeactivatedEndsTheRun()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, invocation: EchoGame);
        var runner = await RunnerAsync();
        var id = await DueScheduleAsync(server, true, ("command", "only online", 0, false));
        await AdvanceAndPassAsync(runner, 0);
        Assert.Equal(0, Commands(server, "only online"));
        Assert.Contains(Fixture.Node.Calls, c => c.Method == "GET" && c.Path == $"/api/servers/{server.Uuid}");
        Assert.False((await ReadAsync(id)).IsProcessing);

        // Deactivated between its tasks: the chain ends before the next.
        var running = await RunningServerAsync();
        var second = await DueScheduleAsync(running, true, ("command", "first step", 0, false), ("command", "second step", 30, false));
        await AdvanceAndPassAsync(runner, 0);
        Assert.Equal(1, Commands(running, "first step"));
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Schedules.Where(s => s.Id == second).ExecuteUpdateAsync(u => u.SetProperty(s => s.IsActive, false)));
        await AdvanceAndPassAsync(runner, 30);
        Assert.Equal(0, Commands(running, "second step"));
        Assert.False((await ReadAsync(second)).IsProcessing);
        using var killed = await Fixture.Node.Http.PostAsJsonAsync($"/api/servers/{running.Uuid}/power", new { action = PowerActions.Kill });
    }

    [Fact]
    public async Task RestartMidChain_AnotherProcessResumesAfterTheLeaseLapses_StuckRunCleared()
    {
        var server = await RunningServerAsync();
        var lease = PanelFixture.Unique("lease");
        await Fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            db.Leases.Add(new RunnerLease { Name = lease });
            return await db.SaveChangesAsync();
        });
        var first = await RunnerAsync(lease);
        var id = await DueScheduleAsync(server, false, ("command", "before restart", 0, false), ("command", "after restart", 20, false));
        await AdvanceAndPassAsync(first, 0);
        Assert.Equal(1, Commands(server, "before restart"));

        // The first process is gone (no release): the second waits for the lease to lapse, then resumes the chain.
        var second = await RunnerAsync(lease);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(await second.PassAsync(CancellationToken.None));
        Assert.Equal(0, Commands(server, "after restart"));
        await AdvanceAndPassAsync(second, 11);
        Assert.Equal(1, Commands(server, "after restart"));
        Assert.False((await ReadAsync(id)).IsProcessing);

        // A run stuck past its bound (offsets 20 s + 2 x 5 min + 10 min) is cleared.
        await Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Schedules.Where(s => s.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.IsProcessing, true).SetProperty(s => s.NextRunUnixMs, (long?)null).SetProperty(s => s.RunStartedUnixMs, time.GetUtcNow().ToUnixTimeMilliseconds())));
        await AdvanceAndPassAsync(second, (20 * 60) + 10);
        Assert.True((await ReadAsync(id)).IsProcessing);
        await AdvanceAndPassAsync(second, 20);
        Assert.False((await ReadAsync(id)).IsProcessing);
        using var killed = await Fixture.Node.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/power", new { action = PowerActions.Kill });
    }
}

public sealed class ScheduleRunnerSqliteTests(SqlitePanelFixture f) : ScheduleRunnerTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ScheduleRunnerPostgresTests(PostgresPanelFixture f) : ScheduleRunnerTests(f), IClassFixture<PostgresPanelFixture>;
