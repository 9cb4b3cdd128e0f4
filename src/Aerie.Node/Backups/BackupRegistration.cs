using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Node.Backups;

internal static class BackupRegistration
{
    /// <summary>Backups (spec 07): the per-server locks, the adapters, the durable report delivery and the engine.</summary>
    public static IServiceCollection AddBackups(this IServiceCollection services)
    {
        services.AddSingleton<BackupLocks>();
        services.AddSingleton<BackupReportSpool>();
        services.AddSingleton<BackupReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<BackupReporter>());
        services.AddSingleton<IBackupAdapter, LocalBackupAdapter>();
        services.AddSingleton<IBackupAdapter, S3BackupAdapter>();
        services.AddSingleton<BackupService>();
        services.AddHostedService(sp => sp.GetRequiredService<BackupService>());
        services.AddSingleton<ArchiveExtractor>();
        services.AddSingleton<BackupRestore>();
        return services;
    }
}
