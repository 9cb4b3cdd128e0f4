using Aerie.Panel.Data;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aerie.Panel.Tests.NodeCalls;

/// <summary>Node calls queued before the outbox had a server column get it from their path or body when the
/// panel upgrades, so a server deleted after the upgrade still has its stale creation dropped.</summary>
public abstract class OutboxServerColumnMigrationTests
{
    private const string LastMigrationWithoutTheColumn = "OutboxMethod";

    protected abstract bool Postgres { get; }

    [Fact]
    public async Task Upgrade_PendingRows_ServerBackfilledFromPathOrBody()
    {
        await using var database = await TestDatabase.CreateAsync(Postgres);
        await using var db = Open(database);
        await db.GetService<IMigrator>().MigrateAsync(LastMigrationWithoutTheColumn);
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var user = Guid.NewGuid();
        await InsertLegacyAsync(db, "POST", "/api/servers", $$"""{"uuid":"{{a}}","start_on_completion":false}""");
        await InsertLegacyAsync(db, "POST", $"/api/servers/{a}/sync", "{}");
        await InsertLegacyAsync(db, "POST", $"/api/servers/{a}/ws/deny", """{"jtis":["x"]}""");
        await InsertLegacyAsync(db, "DELETE", $"/api/servers/{b}", "");
        await InsertLegacyAsync(db, "POST", "/api/deauthorize-user", $$"""{"user":"{{user}}","servers":["{{b}}"]}""");
        await InsertLegacyAsync(db, "POST", "/api/deauthorize-user", $$"""{"user":"{{user}}","servers":["{{a}}","{{b}}"]}""");

        await db.Database.MigrateAsync();

        // Queried through EF, so the stored form is the one the provider compares against.
        var ofA = await db.Outbox.AsNoTracking().Where(m => m.ServerUuid == a).Select(m => m.Method + " " + m.Path).ToListAsync();
        Assert.Equal(["POST /api/servers", $"POST /api/servers/{a}/sync", $"POST /api/servers/{a}/ws/deny"], ofA.Order(StringComparer.Ordinal));
        var ofB = await db.Outbox.AsNoTracking().Where(m => m.ServerUuid == b).Select(m => m.Method + " " + m.Path).ToListAsync();
        Assert.Equal(["DELETE /api/servers/" + b, "POST /api/deauthorize-user"], ofB.Order(StringComparer.Ordinal));
        var spanning = await db.Outbox.AsNoTracking().Where(m => m.ServerUuid == null).Select(m => m.BodyJson).SingleAsync();
        Assert.Contains(a.ToString(), spanning, StringComparison.Ordinal);
    }

    private PanelDb Open(TestDatabase database) => Postgres
        ? new PostgresPanelDb(new DbContextOptionsBuilder<PostgresPanelDb>().UseNpgsql(database.ConnectionString).Options)
        : new SqlitePanelDb(new DbContextOptionsBuilder<SqlitePanelDb>().UseSqlite($"Data Source={Path.Combine(database.DataFolder, "panel.db")}").Options);

    private static Task<int> InsertLegacyAsync(PanelDb db, string method, string path, string body) =>
        db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "Outbox" ("NodeId", "Method", "Path", "BodyJson", "CreatedAtUnixMs", "NextAttemptUnixMs", "Attempts") VALUES (1, {0}, {1}, {2}, 0, 0, 0)""",
            method, path, body);
}

public sealed class OutboxServerColumnMigrationSqliteTests : OutboxServerColumnMigrationTests
{
    protected override bool Postgres => false;
}

public sealed class OutboxServerColumnMigrationPostgresTests : OutboxServerColumnMigrationTests
{
    protected override bool Postgres => true;
}
