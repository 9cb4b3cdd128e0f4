using System.Text;

namespace Aerie.Node.Files;

/// <summary>Lexical cleaning of a path relative to a server root (spec 06 §1, §5): a leading <c>/</c> is optional,
/// <c>.</c> and empty parts vanish, <c>..</c> goes up and may not climb above the root.</summary>
internal static class ConfinedPath
{
    public const int MaxPathBytes = 4096;
    public const int MaxNameBytes = 255;

    /// <summary>The components of <paramref name="relative"/>; none for the root itself.</summary>
    /// <exception cref="ConfinedFileException">outside the root (not found) or too long</exception>
    public static List<string> Parse(string relative)
    {
        if (Encoding.UTF8.GetByteCount(relative) > MaxPathBytes)
        {
            throw new ConfinedFileException(FileProblem.NameTooLong, "the path is longer than 4096 bytes");
        }
        if (relative.Contains('\0', StringComparison.Ordinal))
        {
            throw new ConfinedFileException(FileProblem.NotFound, "the path holds a NUL character");
        }
        var components = Normalize([], relative.Split('/'))
            ?? throw new ConfinedFileException(FileProblem.OutsideRoot, $"{relative}: the path leaves the server folder");
        if (components.Any(c => Encoding.UTF8.GetByteCount(c) > MaxNameBytes))
        {
            throw new ConfinedFileException(FileProblem.NameTooLong, "a name in the path is longer than 255 bytes");
        }
        return components;
    }

    /// <summary>The path as the denylist and answers see it: from the root, no leading slash.</summary>
    public static string Join(IEnumerable<string> components) => string.Join('/', components);

    /// <summary>The prefix (real folders) plus the parts, <c>..</c> resolved; null when it climbs out.</summary>
    public static List<string>? Normalize(IEnumerable<string> prefix, IEnumerable<string> parts)
    {
        var result = new List<string>(prefix);
        foreach (var part in parts)
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (result.Count == 0)
                {
                    return null;
                }
                result.RemoveAt(result.Count - 1);
                continue;
            }
            result.Add(part);
        }
        return result;
    }
}
