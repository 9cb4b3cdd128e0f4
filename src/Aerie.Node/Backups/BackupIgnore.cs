using Aerie.Node.ConfigFiles;
using Aerie.Node.Files;

namespace Aerie.Node.Backups;

/// <summary>What a backup leaves out (spec 07 §3): the request's <c>ignore</c> (newline-separated gitignore patterns, the
/// panel's <c>ignored_files</c> joined with <c>\n</c>); when empty, the root's <c>.pteroignore</c> (Pterodactyl) or
/// <c>.pelicanignore</c> (Pelican), the first that exists, if it is a regular file (not a link) of at most 32 KiB.
/// The egg denylist does not apply: a backup holds everything else.</summary>
internal static class BackupIgnore
{
    public const int MaxFileBytes = 32 * 1024;
    public static readonly string[] Files = [".pteroignore", ".pelicanignore"];

    /// <summary>The matcher (path from the root, is a folder) → left out; gitignore rules through the node's one
    /// pattern matcher, the one the egg denylist uses.</summary>
    public static Func<string, bool, bool> Matcher(string root, string? ignore) => new Denylist(Patterns(root, ignore)).Denies;

    public static List<string> Patterns(string root, string? ignore)
    {
        var text = string.IsNullOrWhiteSpace(ignore) ? FromFile(root) : ignore;
        return text is null ? [] : [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)];
    }

    private static string? FromFile(string root)
    {
        foreach (var name in Files)
        {
            var info = new FileInfo(Path.Combine(root, name));
            if (!info.Exists && info.LinkTarget is null)
            {
                continue;
            }
            // The first that exists decides, even when it is refused (a link, too large): no fall-through to the other.
            if (info.LinkTarget is not null || info.Length > MaxFileBytes)
            {
                return null;
            }
            using var file = ConfinedFile.Open(root, name, create: false);
            return file?.Read(MaxFileBytes, name);
        }
        return null;
    }
}
