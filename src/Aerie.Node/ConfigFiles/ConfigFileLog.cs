using Microsoft.Extensions.Logging;

namespace Aerie.Node.ConfigFiles;

internal static partial class ConfigFileLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "server {Server}: config file {File} was not updated: {Reason}")]
    public static partial void Skipped(ILogger logger, string server, string file, string reason);

    [LoggerMessage(EventId = 701, Level = LogLevel.Debug, Message = "server {Server}: config file {File} updated ({Parser})")]
    public static partial void Updated(ILogger logger, string server, string file, string parser);
}
