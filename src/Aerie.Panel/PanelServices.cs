using Aerie.Panel.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel;

/// <summary>The storage and domain services shared by the web host and the operator commands.</summary>
internal static class PanelServices
{
    public static IServiceCollection AddPanelCore(this IServiceCollection services, PanelOptions options)
    {
        Directory.CreateDirectory(options.DataFolder);
        var keys = Directory.CreateDirectory(Path.Combine(options.DataFolder, "keys"));
        if (!OperatingSystem.IsWindows())
        {
            // Linux has no DPAPI, so the Data Protection key ring is plain XML: only the panel's user may read it.
            keys.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
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
            // Pooled: opening SQLite (sqlite3_open_v2 + schema read) per request dominated the credentials endpoint.
            services.AddDbContextPool<SqlitePanelDb>(o => o.UseSqlite($"Data Source={file};Pooling=True").AddInterceptors(Data.SqlitePragmas.Instance));
            services.AddScoped<PanelDb>(sp => sp.GetRequiredService<SqlitePanelDb>());
        }
        services.AddDataProtection()
            .SetApplicationName("aerie-panel")
            .PersistKeysToFileSystem(keys);
        services.AddSingleton<IPasswordHasher<PanelUser>, PasswordHasher<PanelUser>>();
        services.AddSingleton<Nodes.NodeSecrets>();
        services.AddSingleton<NodeCalls.OutboxSignal>();
        services.AddScoped<Users.UserService>();
        services.AddScoped<ApiKeys.ApiKeyService>();
        services.AddScoped<Nodes.NodeService>();
        services.AddScoped<Servers.ServerService>();
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
