using Microsoft.Extensions.Logging;

namespace Aerie.Node.Files.Pull;

/// <summary>Log lines of remote pulls (event ids 830-839): a background pull has no other way to report.</summary>
internal static partial class PullLog
{
    [LoggerMessage(EventId = 830, Level = LogLevel.Information, Message = "server {Server}: pulled {Url} into {Path} ({Bytes} bytes)")]
    public static partial void Pulled(ILogger logger, string server, string url, string path, long bytes);

    [LoggerMessage(EventId = 831, Level = LogLevel.Warning, Message = "server {Server}: pull of {Url} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string server, string url, string reason);

    [LoggerMessage(EventId = 832, Level = LogLevel.Information, Message = "server {Server}: pull of {Url} cancelled")]
    public static partial void Cancelled(ILogger logger, string server, string url);
}
