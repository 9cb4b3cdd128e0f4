using Microsoft.Extensions.Logging;

namespace Aerie.Node.Files.Archives;

/// <summary>Log lines of compress and decompress (event ids 820-829).</summary>
internal static partial class ArchiveLog
{
    [LoggerMessage(EventId = 820, Level = LogLevel.Information, Message = "server {Server}: extracted {Archive} ({Files} files, {Directories} directories); skipped {Links} links, {Special} devices/FIFOs/others, {Denied} denylisted entries")]
    public static partial void Extracted(ILogger logger, string server, string archive, int files, int directories, int links, int special, int denied);

    [LoggerMessage(EventId = 821, Level = LogLevel.Warning, Message = "server {Server}: extracting {Archive} failed ({Reason}); removed the {Count} entries it had created")]
    public static partial void RolledBack(ILogger logger, string server, string archive, string reason, int count);

    [LoggerMessage(EventId = 822, Level = LogLevel.Information, Message = "server {Server}: compressed {Files} files into {Archive}; skipped {Skipped} (denylisted, links or special files)")]
    public static partial void Compressed(ILogger logger, string server, string archive, int files, int skipped);
}
