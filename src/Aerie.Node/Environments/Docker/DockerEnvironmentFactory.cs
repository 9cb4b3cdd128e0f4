using Microsoft.Extensions.Logging;

namespace Aerie.Node.Environments.Docker;

/// <summary>Makes <see cref="DockerEnvironment"/>s (node config <c>runtime: docker</c>). Each environment
/// owns its own engine connection, so disposing one never disturbs another.</summary>
internal sealed class DockerEnvironmentFactory(DockerRuntimeOptions options, ILoggerFactory loggerFactory, TimeProvider? time = null)
    : IEnvironmentFactory
{
    private readonly ILogger logger = loggerFactory.CreateLogger<DockerEnvironment>();

    public IServerEnvironment Create(string serverUuid) =>
        new DockerEnvironment(options, serverUuid, logger, time ?? TimeProvider.System);
}
