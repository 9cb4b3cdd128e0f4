using System.Net.Http;

namespace Aerie.Node.Files.Pull;

/// <summary>The name a pull is written under (spec 06 §4 step 5): <c>file_name</c>, else with <c>use_header</c> the
/// Content-Disposition filename, else the last segment of the final URL; always reduced to a base name
/// (beyond Wings), so none of them can point elsewhere.</summary>
internal static class PullFileName
{
    public static string? Choose(string? fileName, bool useHeader, HttpResponseMessage response, Uri finalUrl)
    {
        var candidates = new[]
        {
            fileName,
            useHeader ? response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName : null,
            Uri.UnescapeDataString(finalUrl.AbsolutePath.TrimEnd('/').Split('/')[^1]),
        };
        foreach (var candidate in candidates)
        {
            var name = BaseName(candidate);
            if (name is not null)
            {
                return name;
            }
        }
        return null;
    }

    private static string? BaseName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var trimmed = name.Trim().Trim('"').Replace('\\', '/');
        var last = trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return last is null or "." or ".." || last.Contains('\0', StringComparison.Ordinal) ? null : last;
    }
}
