using Aerie.Node.Configuration;
using Aerie.Node.Environments.Docker;
using Aerie.Node.Environments.LocalProcess;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Environments;

/// <summary>The one place where <c>runtime</c> picks the environment factory.</summary>
internal static class RuntimeRegistration
{
    public static IServiceCollection AddRuntime(this IServiceCollection services, NodeConfig config)
    {
        switch (config.Runtime)
        {
            case "docker":
                services.AddSingleton<IEnvironmentFactory>(sp => new DockerEnvironmentFactory(
                    new DockerRuntimeOptions(config.Docker.Socket, Path.GetFullPath(config.System.Data)),
                    sp.GetRequiredService<ILoggerFactory>(),
                    sp.GetRequiredService<TimeProvider>()));
                break;
            default:
                services.AddSingleton<IEnvironmentFactory, LocalProcessEnvironmentFactory>();
                break;
        }
        return services;
    }
}
