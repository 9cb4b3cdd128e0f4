using Microsoft.Extensions.Logging;

namespace Aerie.Node.Environments.Docker;

/// <summary>Log messages of the docker runtime (stable event ids 3100-3199).</summary>
internal static partial class DockerLog
{
    [LoggerMessage(3100, LogLevel.Information, "Server {Server}: created container {Container} from {Image}")]
    public static partial void Created(ILogger logger, string server, string container, string image);

    [LoggerMessage(3101, LogLevel.Warning, "Server {Server}: engine warning on create: {Warning}")]
    public static partial void CreateWarning(ILogger logger, string server, string warning);

    [LoggerMessage(3102, LogLevel.Information, "Server {Server}: re-attached to running container {Container} (resume {Resume})")]
    public static partial void Reattached(ILogger logger, string server, string container, string resume);

    [LoggerMessage(3103, LogLevel.Warning, "Server {Server}: console stream broke, resuming")]
    public static partial void StreamBroke(ILogger logger, string server, Exception error);

    [LoggerMessage(3104, LogLevel.Information, "Server {Server}: container exited with {ExitCode} (oom {Oom})")]
    public static partial void Exited(ILogger logger, string server, int exitCode, bool oom);

    [LoggerMessage(3105, LogLevel.Warning, "Server {Server}: engine unavailable while watching the container, retrying")]
    public static partial void EngineRetry(ILogger logger, string server, Exception error);

    [LoggerMessage(3106, LogLevel.Debug, "Server {Server}: stats sample failed")]
    public static partial void StatsFailed(ILogger logger, string server, Exception error);

    [LoggerMessage(3107, LogLevel.Error, "Server {Server}: an event subscriber threw")]
    public static partial void SubscriberFailed(ILogger logger, string server, Exception error);

    [LoggerMessage(3108, LogLevel.Information, "Created container network {Network} ({Warnings})")]
    public static partial void NetworkCreated(ILogger logger, string network, string warnings);
}
