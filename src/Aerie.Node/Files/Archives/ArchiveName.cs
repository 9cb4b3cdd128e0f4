using System.Globalization;

namespace Aerie.Node.Files.Archives;

/// <summary>The name of a new archive (spec 06 §2 <c>compress</c>): the given name (reduced to a base name, the
/// suffix added unless it has it) or <c>archive-&lt;RFC 3339 without ':'&gt;&lt;suffix&gt;</c>; a taken name gets the
/// copy suffix rule of <see cref="CopyNames"/>.</summary>
internal static class ArchiveName
{
    public static string Choose(string? requested, ArchiveKind kind, DateTimeOffset now, Func<string, bool> taken)
    {
        var baseName = requested?.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim();
        var name = baseName is null or "" or "." or ".."
            ? "archive-" + now.UtcDateTime.ToString("yyyy-MM-dd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + kind.Suffix
            : baseName.EndsWith(kind.Suffix, StringComparison.OrdinalIgnoreCase) ? baseName : baseName + kind.Suffix;
        return taken(name) ? CopyNames.Next(name, taken, now) : name;
    }
}
