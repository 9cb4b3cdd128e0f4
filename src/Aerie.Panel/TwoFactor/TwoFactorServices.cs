using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.TwoFactor;

internal static class TwoFactorServices
{
    public static IServiceCollection AddTwoFactor(this IServiceCollection services)
    {
        services.AddSingleton<TotpSecrets>();
        services.AddSingleton<LoginCheckpoints>();
        services.AddScoped<TwoFactorService>();
        return services;
    }
}
