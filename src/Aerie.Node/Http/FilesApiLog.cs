using Microsoft.Extensions.Logging;

namespace Aerie.Node.Http;

internal static partial class FilesApiLog
{
    [LoggerMessage(EventId = 800, Level = LogLevel.Error, Message = "server {Server}: file request {Path} ({RequestId}) failed")]
    public static partial void Failed(ILogger logger, string server, string path, string requestId, Exception exception);
}
