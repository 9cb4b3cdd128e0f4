using System.Security.Cryptography;

namespace Aerie.Node.Tests.Backups;

/// <summary>What a server folder holds, entry by entry, for comparing a restore with the original: regular files by
/// SHA-256, mode and mtime (whole seconds); symlinks by target text; folders (empty ones included) by mode.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class ServerTree
{
    public static SortedDictionary<string, string> Snapshot(string root)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(new DirectoryInfo(root), "", all);
        return all;
    }

    private static void Walk(DirectoryInfo folder, string relative, SortedDictionary<string, string> all)
    {
        foreach (var child in folder.EnumerateFileSystemInfos())
        {
            var path = relative.Length == 0 ? child.Name : relative + "/" + child.Name;
            if (child.LinkTarget is { } target)
            {
                all[path] = "link -> " + target;
            }
            else if (child is DirectoryInfo dir)
            {
                all[path + "/"] = $"dir {Convert.ToString((int)dir.UnixFileMode, 8)}";
                Walk(dir, path, all);
            }
            else
            {
                var file = (FileInfo)child;
                all[path] = $"file {Convert.ToString((int)file.UnixFileMode, 8)} {file.LastWriteTimeUtc.Ticks / TimeSpan.TicksPerSecond} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file.FullName)))}";
            }
        }
    }

    public static void Write(string root, string relative, string text, UnixFileMode mode, DateTime? mtime = null)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        File.SetLastWriteTimeUtc(path, mtime ?? new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc));
    }

    /// <summary>Lower-case hex SHA-1, the panel's checksum of an archive.</summary>
    public static string Sha1Hex(byte[] bytes)
    {
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(bytes);
        return Convert.ToHexStringLower(sha1.GetHashAndReset());
    }

    /// <summary>Bytes gzip cannot shrink, so a throttled archive of them takes a known time.</summary>
    public static void WriteRandom(string root, string relative, int bytes)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(bytes));
    }
}
