using Aerie.Node.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Node.ConfigFiles;

internal static class ConfigFileRegistration
{
    public static IServiceCollection AddConfigFiles(this IServiceCollection services, NodeConfig config)
    {
        services.AddSingleton<IGameInterface>(config.Runtime == "docker"
            ? new DockerBridgeInterface(config.Docker.Socket, config.Docker.NetworkName)
            : new LoopbackInterface());
        services.AddSingleton<ConfigFileRewriter>();
        return services;
    }
}
