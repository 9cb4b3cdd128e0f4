using Aerie.Node.Configuration;
using Aerie.Node.Environments.Docker;
using Aerie.Node.Environments.LocalProcess;
using Aerie.Node.Files;
using Aerie.Node.Servers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Environments;

/// <summary>The one place where <c>runtime</c> picks the environment factory.</summary>
internal static class RuntimeRegistration
{
    /// <param name="privatePaths">files and folders of the node beyond <c>system.data</c> (its config file) that no
    /// game may read</param>
    public static IServiceCollection AddRuntime(this IServiceCollection services, NodeConfig config, IEnumerable<string>? privatePaths = null)
    {
        switch (config.Runtime)
        {
            case "docker":
                services.AddSingleton<IEnvironmentFactory>(sp => new DockerEnvironmentFactory(
                    new DockerRuntimeOptions(config.Docker.Socket, Path.GetFullPath(config.System.Data), DockerDefaults(config.Docker)),
                    sp.GetRequiredService<ILoggerFactory>(),
                    sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton<IServerInstaller>(sp => new DockerInstaller(
                    new DockerRuntimeOptions(config.Docker.Socket, Path.GetFullPath(config.System.Data), DockerDefaults(config.Docker)),
                    config.Docker.InstallerLimits, sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton<IServerFileOwners>(new ContainerFileOwners(DockerDefaults(config.Docker).User));
                break;
            default:
                // Checked here, so `aerie node` refuses to start (naming the key) rather than the first game.
                services.AddSingleton(ProcessSandbox.Resolve(config, privatePaths));
                services.AddSingleton<IEnvironmentFactory, LocalProcessEnvironmentFactory>();
                services.AddSingleton<IServerInstaller, ProcessInstaller>();
                services.AddSingleton<IServerFileOwners, SandboxFileOwners>();
                break;
        }
        return services;
    }

    /// <summary>The validator has checked <c>docker.container_user</c>, so it parses here.</summary>
    private static ContainerDefaults DockerDefaults(DockerConfig docker) => ContainerDefaults.From(
        ContainerUser.TryParse(docker.ContainerUser, out var user) ? user : throw new NodeConfigException($"docker.container_user: '{docker.ContainerUser}' is not uid:gid"),
        docker.NetworkName, docker.LogMaxBytes, docker.MemoryCeiling, docker.TmpfsSize);

    /// <summary>Fails start-up with a clear message when the chosen runtime has no factory in this build.</summary>
    public static void EnsureRuntime(this IServiceCollection services, NodeConfig config)
    {
        if (!services.Any(d => d.ServiceType == typeof(IEnvironmentFactory)))
        {
            throw new NodeConfigException($"runtime {config.Runtime} is not available in this build");
        }
    }
}
