using System.Net;
using System.Net.Http.Json;
using Aerie.Contracts.Socket;
using Aerie.Panel.Data;
using Aerie.Panel.Schedules;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Schedules;

/// <summary>Several panel processes on one PostgreSQL: the lease row lets exactly one of them run a due schedule.</summary>
public sealed class ScheduleReplicasTests(PostgresPanelFixture fixture) : IClassFixture<PostgresPanelFixture>
{
    private const string EchoGame = "echo Done; while IFS= read -r line; do if [ \"$line\" = stop ]; then sleep 1; exit 0; fi; echo \"echo: $line\"; done";

    [Fact]
    public async Task TwoMorePanelsOnOneDatabase_DueScheduleRunsOnce()
    {
        // Fast passes make the processes contend at every turn; the fixture's own panel is a third contender.
        ScheduleRunnerOptions Fast() => new() { PassInterval = TimeSpan.FromMilliseconds(100), LeaseTtl = TimeSpan.FromSeconds(2) };
        await using var second = await TestPanel.StartAsync(fixture.Database.Options(), s => s.AddSingleton(Fast()));
        await using var third = await TestPanel.StartAsync(fixture.Database.Options(), s => s.AddSingleton(Fast()));
        var (owner, _) = await fixture.CreateUserAsync();
        var server = await fixture.CreateServerAsync(owner, invocation: EchoGame);
        using (var start = await fixture.Node.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/power", new { action = PowerActions.Start }))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }
        await Eventually.TrueAsync(() => fixture.Node.ServerOf(server.Uuid).State == ServerStates.Running, what: "the server running on the node");

        const int count = 5;
        await fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < count; i++)
            {
                var schedule = new Schedule { ServerId = server.Id, Name = $"replica {i}", CronMinute = "0", CronHour = "4", NextRunUnixMs = now.ToUnixTimeMilliseconds() + 1500, CreatedAt = now, UpdatedAt = now };
                schedule.Tasks.Add(new ScheduleTask { Action = "command", Payload = $"once {i}", SequenceId = 1, CreatedAt = now, UpdatedAt = now });
                db.Schedules.Add(schedule);
            }
            return await db.SaveChangesAsync();
        });

        int Runs(int i) => fixture.Node.Calls.Count(c => c.Path == $"/api/servers/{server.Uuid}/commands" && c.Body.Contains($"\"once {i}\"", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => Enumerable.Range(0, count).All(i => Runs(i) >= 1), TimeSpan.FromSeconds(20), "every schedule ran");
        // Several more passes of every process: still once each.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.All(Enumerable.Range(0, count), i => Assert.Equal(1, Runs(i)));
        using var killed = await fixture.Node.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/power", new { action = PowerActions.Kill });
    }
}
