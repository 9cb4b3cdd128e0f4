using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aerie.Panel.Tests.Storage;

/// <summary>The start-up schema check: Migrate runs only when the database lacks one of this build's migrations.</summary>
public abstract class SchemaUpgradeTests
{
    private const string AnEarlierMigration = "OutboxMethod";

    protected abstract bool Postgres { get; }

    private IReadOnlyList<string> Known => SchemaUpgrade.MigrationIds(Postgres ? typeof(PostgresPanelDb) : typeof(SqlitePanelDb));

    [Fact]
    public async Task MigrationIds_AreTheOnesEfApplies()
    {
        await using var database = await TestDatabase.CreateAsync(Postgres);
        await using var db = Open(database);

        Assert.NotEmpty(Known);
        Assert.Equal(db.Database.GetMigrations(), Known);
    }

    [Fact]
    public async Task EnsureCurrent_NewDatabase_AppliesEveryMigration()
    {
        await using var database = await TestDatabase.CreateAsync(Postgres);
        await using var db = Open(database);
        var calls = 0;

        var pending = await SchemaUpgrade.EnsureCurrentAsync(db.Database.GetDbConnection(), Known, ct => Migrate(db, ref calls, ct));

        Assert.Equal(1, calls);
        Assert.Equal(db.Database.GetMigrations(), pending);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task EnsureCurrent_PendingMigrations_DetectedAndApplied()
    {
        await using var database = await TestDatabase.CreateAsync(Postgres);
        await using var db = Open(database);
        await db.GetService<IMigrator>().MigrateAsync(AnEarlierMigration);
        var all = db.Database.GetMigrations().ToList();
        var later = all.SkipWhile(id => !id.EndsWith("_" + AnEarlierMigration, StringComparison.Ordinal)).Skip(1).ToList();
        Assert.NotEmpty(later);
        var calls = 0;

        var pending = await SchemaUpgrade.EnsureCurrentAsync(db.Database.GetDbConnection(), Known, ct => Migrate(db, ref calls, ct));

        Assert.Equal(1, calls);
        Assert.Equal(later, pending);
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        // A column a later migration added is there.
        Assert.Equal(0, await db.Outbox.CountAsync(m => m.ServerUuid != null));
    }

    [Fact]
    public async Task EnsureCurrent_UpToDate_DoesNotCallMigrate()
    {
        await using var database = await TestDatabase.CreateAsync(Postgres);
        await using var db = Open(database);
        await db.Database.MigrateAsync();
        var calls = 0;

        var pending = await SchemaUpgrade.EnsureCurrentAsync(db.Database.GetDbConnection(), Known, ct => Migrate(db, ref calls, ct));

        Assert.Empty(pending);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task EnsureCurrent_NoDatabaseYet_CallsMigrate()
    {
        await using var database = await TestDatabase.CreateAsync(Postgres);
        await using var db = Open(database);
        await db.Database.EnsureDeletedAsync();
        var calls = 0;

        var pending = await SchemaUpgrade.EnsureCurrentAsync(db.Database.GetDbConnection(), Known, ct => Migrate(db, ref calls, ct));

        Assert.Equal(1, calls);
        Assert.Equal(Known, pending);
        Assert.Equal(Known, await db.Database.GetAppliedMigrationsAsync());
    }

    private static Task Migrate(PanelDb db, ref int calls, CancellationToken ct)
    {
        calls++;
        return db.Database.MigrateAsync(ct);
    }

    private PanelDb Open(TestDatabase database) => Postgres
        ? new PostgresPanelDb(new DbContextOptionsBuilder<PostgresPanelDb>().UseNpgsql(database.ConnectionString).Options)
        : new SqlitePanelDb(new DbContextOptionsBuilder<SqlitePanelDb>().UseSqlite($"Data Source={Path.Combine(database.DataFolder, "panel.db")}").Options);
}

public sealed class SchemaUpgradeSqliteTests : SchemaUpgradeTests
{
    protected override bool Postgres => false;
}

public sealed class SchemaUpgradePostgresTests : SchemaUpgradeTests
{
    protected override bool Postgres => true;
}
