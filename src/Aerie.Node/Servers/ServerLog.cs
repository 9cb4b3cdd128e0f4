using Microsoft.Extensions.Logging;

namespace Aerie.Node.Servers;

/// <summary>A server's log messages, with the event ids they had when one class held them all.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "server {Server} is now {State}")]
    public static partial void State(ILogger logger, string server, string state);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "server {Server} could not be started: {Reason}")]
    public static partial void StartFailed(ILogger logger, string server, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "server {Server}: could not check for a running game to re-attach: {Reason}")]
    public static partial void AttachFailed(ILogger logger, string server, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "server {Server}: reporting the install result to the panel failed, will retry: {Reason}")]
    public static partial void InstallReportFailed(ILogger logger, string server, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "server {Server}: the panel refused the install result: {Reason}")]
    public static partial void InstallReportRefused(ILogger logger, string server, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "server {Server}: install failed: {Reason}")]
    public static partial void InstallFailed(ILogger logger, string server, string reason);
}
