using System.Text;
using Aerie.Node.Storage;

namespace Aerie.Node.Servers;

/// <summary>
/// A server's install log, <c>&lt;log_directory&gt;/install/&lt;uuid&gt;.log</c> (spec 05 §7 step 8): a header naming the
/// server, image, entrypoint, kernel and the environment's names, then <see cref="OutputMarker"/> and every output line
/// as it comes. Variable values are not written: some are secrets (passwords, tokens, hidden variables) the file's
/// readers — the node API's <c>install-logs</c> serves the output part — must not see through it.
/// </summary>
internal sealed class InstallLog : IDisposable
{
    public const string OutputMarker = "| Script Output";
    private readonly Lock gate = new();
    private readonly StreamWriter writer;

    private InstallLog(StreamWriter writer) => this.writer = writer;

    public static InstallLog Create(string path, string uuid, string image, string entrypoint, string runtime, IEnumerable<string> variableNames)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var writer = new StreamWriter(PrivateFiles.OpenWrite(path, FileMode.Create), new UTF8Encoding(false)) { AutoFlush = true };
        var header = new StringBuilder()
            .AppendLine("Aerie server install log")
            .AppendLine("| Details")
            .AppendLine($"  server: {uuid}")
            .AppendLine($"  runtime: {runtime}")
            .AppendLine($"  image: {image}")
            .AppendLine($"  entrypoint: {entrypoint}")
            .AppendLine($"  kernel: {Kernel()}")
            .AppendLine("| Environment (names; values are not logged)")
            .AppendLine("  " + string.Join(' ', variableNames))
            .AppendLine(OutputMarker);
        writer.Write(header.ToString());
        return new InstallLog(writer);
    }

    public void Line(string line)
    {
        lock (gate)
        {
            try
            {
                writer.Write(line);
                writer.Write('\n');
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // a full disk must not stop the install; the console still shows the line
            }
        }
    }

    /// <summary>The output part of a log file, or null when the server has none.</summary>
    public static string? ReadOutput(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        var at = text.IndexOf("\n" + OutputMarker + "\n", StringComparison.Ordinal);
        return at < 0 ? text : text[(at + OutputMarker.Length + 2)..];
    }

    private static string Kernel()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Environment.OSVersion.VersionString;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            writer.Dispose();
        }
    }
}
