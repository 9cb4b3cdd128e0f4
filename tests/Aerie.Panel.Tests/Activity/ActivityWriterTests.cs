using Aerie.Panel.Activity;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Activity;

/// <summary>The panel's activity writer never drops rows on a database failure.</summary>
public abstract class ActivityWriterTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task Writer_DatabaseFailsOnce_EveryRowArrives()
    {
        await using var database = await Fixture.NewDatabaseAsync();
        FailingOnceActivityStore? store = null;
        await using var panel = await TestPanel.StartAsync(database.Options(), s =>
            s.AddSingleton<IActivityStore>(sp => store = new FailingOnceActivityStore(new DbActivityStore(sp.GetRequiredService<IServiceScopeFactory>()))));
        var server = Guid.NewGuid();
        await using (var scope = panel.Services.CreateAsyncScope())
        {
            var writer = scope.ServiceProvider.GetRequiredService<ActivityWriter>();
            var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
            for (var i = 0; i < 3; i++)
            {
                await writer.RecordAsync(new ActivityRecord { ServerUuid = server, Event = "test:event", MetadataJson = $$"""{"n":"{{i}}"}""", Timestamp = DateTimeOffset.UtcNow }, db, CancellationToken.None);
            }
        }
        var rows = await Eventually.ValueAsync(
            async () =>
            {
                await using var scope = panel.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<PanelDb>().Activity.AsNoTracking().Where(a => a.ServerUuid == server).ToListAsync();
            },
            r => r.Count >= 3, "the three rows in the database", TimeSpan.FromSeconds(15));
        Assert.Equal(["""{"n":"0"}""", """{"n":"1"}""", """{"n":"2"}"""], rows.Select(r => r.MetadataJson).Order());
        Assert.Equal(1, store!.Failures);
    }

    [Fact]
    public async Task Writer_RowReadBackThroughEf_EqualsWhatWasRecorded()
    {
        await using var database = await Fixture.NewDatabaseAsync();
        await using var panel = await TestPanel.StartAsync(database.Options());
        var record = new ActivityRecord
        {
            ServerUuid = Guid.NewGuid(),
            UserUuid = Guid.NewGuid(),
            Event = "test:event",
            Ip = "203.0.113.7",
            UserAgent = "agent/1",
            IsApi = true,
            MetadataJson = """{"k":"v"}""",
            Timestamp = new DateTimeOffset(2026, 12, 2, 3, 4, 5, 678, TimeSpan.Zero),
        };
        await using (var scope = panel.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ActivityWriter>().RecordAsync(record, scope.ServiceProvider.GetRequiredService<PanelDb>(), CancellationToken.None);
        }
        var row = await Eventually.ValueAsync(
            async () =>
            {
                await using var scope = panel.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<PanelDb>().Activity.AsNoTracking()
                    .Where(a => a.ServerUuid == record.ServerUuid && a.Timestamp >= record.Timestamp).FirstOrDefaultAsync();
            },
            r => r is not null, "the row in the database", TimeSpan.FromSeconds(15));
        Assert.Equal((record.UserUuid, record.Event, record.Ip, record.UserAgent, record.IsApi, record.MetadataJson, record.Timestamp),
            (row!.UserUuid, row.Event, row.Ip, row.UserAgent, row.IsApi, row.MetadataJson, row.Timestamp));
    }
}

public sealed class ActivityWriterSqliteTests(SqlitePanelFixture f) : ActivityWriterTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ActivityWriterPostgresTests(PostgresPanelFixture f) : ActivityWriterTests(f), IClassFixture<PostgresPanelFixture>;
