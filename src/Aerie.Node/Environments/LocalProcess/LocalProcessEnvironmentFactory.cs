using Microsoft.Extensions.Logging;

namespace Aerie.Node.Environments.LocalProcess;

internal sealed class LocalProcessEnvironmentFactory(TimeProvider time, ILoggerFactory loggers) : IEnvironmentFactory
{
    public IServerEnvironment Create(string serverUuid) =>
        new LocalProcessEnvironment(serverUuid, time, loggers.CreateLogger<LocalProcessEnvironment>());
}
