using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aerie.Panel.Schedules;

internal static class ScheduleServices
{
    /// <summary>The runner and its parts (the backup task's <see cref="IScheduledBackups"/> is the backups feature's).</summary>
    public static IServiceCollection AddSchedules(this IServiceCollection services)
    {
        services.TryAddSingleton(new ScheduleRunnerOptions());
        services.AddSingleton<ScheduleSignal>();
        services.AddScoped<ScheduleActions>();
        services.AddSingleton<ScheduleRunner>();
        services.AddHostedService<ScheduleRunnerService>();
        return services;
    }
}
