using Aerie.Node.Storage;
using Aerie.Panel.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
            var file = Path.Combine(options.DataFolder, "panel.db");
            // SQLite would create it 0644; its -wal and -shm files take the database file's mode.
            PrivateFiles.EnsureFile(file);
            // Pooled: opening SQLite (sqlite3_open_v2 + schema read) per request dominated the credentials endpoint.
            services.AddDbContextPool<SqlitePanelDb>(o => o.UseSqlite($"Data Source={file};Pooling=True").AddInterceptors(Data.SqlitePragmas.Instance));
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
        services.AddScoped<ApiKeys.ApiKeyService>();
        services.AddScoped<Nodes.NodeService>();
        services.AddScoped<Servers.ServerService>();
        services.AddScoped<Servers.ServerProvisioning>();
        services.AddScoped<Servers.Deployment>();
        services.AddScoped<Locations.LocationService>();
        services.AddScoped<Allocations.AllocationService>();
        services.AddScoped<Eggs.EggCatalog>();
        services.AddScoped<Subusers.SubuserService>();
        services.AddScoped<NodeCalls.NodeCallOutbox>();
        return services;
    }

    /// <summary>Creates or upgrades the schema; run at every start.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets the outbox worker and requests read while one of them writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
