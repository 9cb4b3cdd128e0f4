using Microsoft.Extensions.Logging;

namespace Aerie.Node.Environments.LocalProcess;

internal sealed class LocalProcessEnvironmentFactory(ProcessSandbox sandbox, TimeProvider time, ILoggerFactory loggers) : IEnvironmentFactory
{
    public IServerEnvironment Create(string serverUuid) =>
        new LocalProcessEnvironment(serverUuid, sandbox, time, loggers.CreateLogger<LocalProcessEnvironment>());
}
