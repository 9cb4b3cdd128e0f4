using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aerie.Panel.Schedules;

internal static class ScheduleServices
{
    /// <summary>The runner and its parts; a backups service registered before this replaces the unavailable stand-in.</summary>
    public static IServiceCollection AddSchedules(this IServiceCollection services)
    {
        services.TryAddSingleton(new ScheduleRunnerOptions());
        services.AddSingleton<ScheduleSignal>();
        services.TryAddScoped<IScheduledBackups, UnavailableScheduledBackups>();
        services.AddScoped<ScheduleActions>();
        services.AddSingleton<ScheduleRunner>();
        services.AddHostedService<ScheduleRunnerService>();
        return services;
    }
}
