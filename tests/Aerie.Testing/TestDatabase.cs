using Aerie.Panel;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Aerie.Testing;

/// <summary>A fresh, empty panel database: a SQLite data folder, or a new database on the AERIE_TEST_PG server.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    public const string PgVariable = "AERIE_TEST_PG";

    private readonly string? adminConnection;
    private readonly string? databaseName;

    private TestDatabase(string folder, string? connection, string? adminConnection, string? databaseName)
    {
        DataFolder = folder;
        ConnectionString = connection;
        this.adminConnection = adminConnection;
        this.databaseName = databaseName;
    }

    public string DataFolder { get; }

    /// <summary>Null for SQLite.</summary>
    public string? ConnectionString { get; }

    public PanelOptions Options(string listen = "http://127.0.0.1:0") => new()
    {
        DataFolder = DataFolder,
        PostgresConnectionString = ConnectionString,
        ListenUrl = listen,
        PublicUrl = "http://panel.test",
        TokenTtl = TimeSpan.FromSeconds(90),
        PreflightTimeout = TimeSpan.FromSeconds(3), // the default; generous so a loaded CI machine does not turn success tests into 502s
        CredentialsPerMinute = 5,
        LoginFailuresPerIp = 10_000,
        OutboxPollInterval = TimeSpan.FromMilliseconds(100),
        OutboxMaxBackoff = TimeSpan.FromMilliseconds(500),
    };

    public static async Task<TestDatabase> CreateAsync(bool postgres)
    {
        var admin = Environment.GetEnvironmentVariable(PgVariable);
        if (postgres && string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException($"PostgreSQL tests need the environment variable {PgVariable} (an Npgsql connection string; scripts/pg-up.sh prints one).");
        }
        var folder = Path.Combine(Path.GetTempPath(), "aerie-panel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (!postgres)
        {
            return new TestDatabase(folder, null, null, null);
        }
        var name = "aerie_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(folder, builder.ConnectionString, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (adminConnection is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(adminConnection);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        // The panel pools SQLite connections; release their file handles before the folder goes.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown; the temp folder is cleaned by the OS eventually.
        }
    }
}
