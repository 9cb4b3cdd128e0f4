using System.Data.Common;
using Aerie.Node.Storage;
using Aerie.Panel.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aerie.Panel;

/// <summary>The storage and domain services shared by the web host and the operator commands.</summary>
internal static class PanelServices
{
    public static IServiceCollection AddPanelCore(this IServiceCollection services, PanelOptions options)
    {
        // The folder holds the database and the key ring (plain XML: Linux has no DPAPI): only the panel's user may read them.
        PrivateFiles.CreateFolder(options.DataFolder);
        var keys = new DirectoryInfo(PrivateFiles.CreateFolder(Path.Combine(options.DataFolder, "keys")));
        foreach (var key in keys.EnumerateFiles("*.xml"))
        {
            // Keys an older version wrote with the umask's mode.
            PrivateFiles.Narrow(key.FullName);
        }
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        if (options.PostgresConnectionString is { } pg)
        {
            services.AddDbContextPool<PostgresPanelDb>(o => o.UseNpgsql(pg));
            services.AddScoped<PanelDb>(sp => sp.GetRequiredService<PostgresPanelDb>());
        }
        else
        {
            // SQLite would create it 0644; its -wal and -shm files take the database file's mode.
            PrivateFiles.EnsureFile(Path.Combine(options.DataFolder, "panel.db"));
            // Pooled: opening SQLite (sqlite3_open_v2 + schema read) per request dominated the credentials endpoint.
            services.AddDbContextPool<SqlitePanelDb>(o => o.UseSqlite(SqliteConnectionString(options)).AddInterceptors(Data.SqlitePragmas.Instance));
            services.AddScoped<PanelDb>(sp => sp.GetRequiredService<SqlitePanelDb>());
        }
        services.AddDataProtection()
            .SetApplicationName("aerie-panel");
        services.AddOptions<KeyManagementOptions>()
            .Configure<ILoggerFactory>((o, loggers) => o.XmlRepository = new PrivateKeyRepository(keys, loggers));
        services.AddSingleton<IPasswordHasher<PanelUser>, PasswordHasher<PanelUser>>();
        services.AddSingleton<Nodes.NodeSecrets>();
        services.AddSingleton<NodeCalls.OutboxSignal>();
        services.AddScoped<Users.UserService>();
        services.AddScoped<Users.AccountService>();
        services.AddScoped<ApiKeys.ApiKeyService>();
        services.AddScoped<Nodes.NodeService>();
        services.AddScoped<Servers.ServerService>();
        services.AddScoped<Servers.ServerProvisioning>();
        services.AddScoped<Servers.Deployment>();
        services.AddScoped<Servers.ServerNodeCalls>();
        // In the core, not only the web host: the operator commands share the services that may call a node.
        services.AddHttpClient(Nodes.NodeClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), AllowAutoRedirect = false });
        services.AddSingleton<Nodes.NodeClient>();
        services.AddScoped<Locations.LocationService>();
        services.AddScoped<Allocations.AllocationService>();
        services.AddScoped<Eggs.EggCatalog>();
        services.AddScoped<Eggs.Transfer.EggTransfer>();
        services.AddScoped<Subusers.SubuserService>();
        services.AddScoped<NodeCalls.NodeCallOutbox>();
        return services;
    }

    /// <summary>Creates or upgrades the schema; run at every start (EF's Migrate only when a migration is pending: <see cref="SchemaUpgrade"/>).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<PanelOptions>();
        var sqlite = options.PostgresConnectionString is null;
        DbConnection connection = sqlite ? new SqliteConnection(SqliteConnectionString(options)) : new NpgsqlConnection(options.PostgresConnectionString);
        await using (connection)
        {
            var pending = await SchemaUpgrade.EnsureCurrentAsync(connection, SchemaUpgrade.MigrationIds(sqlite ? typeof(SqlitePanelDb) : typeof(PostgresPanelDb)),
                async c =>
                {
                    await using var scope = services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<PanelDb>().Database.MigrateAsync(c);
                }, ct);
            if (sqlite)
            {
                // WAL lets the outbox worker and requests read while one of them writes (the mode is kept in the file;
                // set at every start all the same, for a file migrated by another tool).
                await connection.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL;";
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private static string SqliteConnectionString(PanelOptions options) => $"Data Source={Path.Combine(options.DataFolder, "panel.db")};Pooling=True";
}
