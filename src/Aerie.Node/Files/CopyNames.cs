namespace Aerie.Node.Files;

/// <summary>The name a copy gets in its folder (spec 06 §2 <c>copy</c>, also a taken archive name): <c>&lt;base&gt;
/// copy&lt;ext&gt;</c>, then <c>copy 1</c> … <c>copy 49</c>, then <c>copy.&lt;RFC 3339 time&gt;</c>. <c>.tar.&lt;x&gt;</c>
/// counts as one extension, as Wings has it.</summary>
internal static class CopyNames
{
    public const int NumberedCopies = 49;

    public static string Next(string name, Func<string, bool> taken, DateTimeOffset now)
    {
        var extension = Path.GetExtension(name);
        if (name.EndsWith(".tar" + extension, StringComparison.Ordinal) && extension.Length > 0)
        {
            extension = ".tar" + extension;
        }
        var stem = name[..^extension.Length];
        for (var i = 0; i <= NumberedCopies; i++)
        {
            var candidate = i == 0 ? $"{stem} copy{extension}" : $"{stem} copy {i}{extension}";
            if (!taken(candidate))
            {
                return candidate;
            }
        }
        return $"{stem} copy.{now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}{extension}";
    }
}
