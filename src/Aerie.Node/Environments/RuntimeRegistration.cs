using Aerie.Node.Configuration;
using Aerie.Node.Environments.LocalProcess;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Node.Environments;

/// <summary>The one place where <c>runtime</c> picks the environment factory.</summary>
internal static class RuntimeRegistration
{
    public static IServiceCollection AddRuntime(this IServiceCollection services, NodeConfig config)
    {
        switch (config.Runtime)
        {
            case "docker":
                services.AddSingleton<IEnvironmentFactory>(_ => throw new NodeConfigException("runtime docker is not available in this build"));
                break;
            default:
                services.AddSingleton<IEnvironmentFactory, LocalProcessEnvironmentFactory>();
                break;
        }
        return services;
    }
}
