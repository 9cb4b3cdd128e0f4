using System.Globalization;
using Aerie.Node.Storage;

namespace Aerie.Node.Environments.Docker;

/// <summary>Keeps one server's <see cref="LogCursor"/> in <c>DataRoot/.aerie-docker/&lt;uuid&gt;.cursor</c>
/// (one line: container id, timestamp, count), written atomically; folder 0700, file 0600 (<see cref="PrivateFiles"/>).</summary>
internal sealed class LogCursorStore(string directory, string serverUuid)
{
    private readonly string path = Path.Combine(directory, serverUuid + ".cursor");

    public LogCursor? Load(string containerId)
    {
        try
        {
            var parts = File.ReadAllText(path).Trim().Split(' ');
            if (parts.Length == 3 && parts[0] == containerId
                && DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seen))
            {
                return new LogCursor(containerId, at, seen);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No cursor: the whole log is replayed, which loses nothing.
        }
        return null;
    }

    public void Save(LogCursor cursor)
    {
        PrivateFiles.CreateFolder(directory);
        PrivateFiles.ReplaceText(path, string.Create(CultureInfo.InvariantCulture, $"{cursor.ContainerId} {cursor.At:O} {cursor.SeenAtInstant}\n"));
    }

    public void Delete()
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stale cursor names another container id and is ignored on load.
        }
    }
}
