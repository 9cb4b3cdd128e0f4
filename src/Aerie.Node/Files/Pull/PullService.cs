using Aerie.Node.Configuration;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.Files.Pull;

/// <summary>Runs pulls (spec 06 §4 steps 3-6): the guarded download, the file name, the denylist on the final path,
/// the quota against Content-Length before a byte is written, then <c>write</c> semantics while progress is counted.</summary>
internal sealed class PullService(NodeConfig config, PullRegistry registry, ILogger<PullService> logger) : IDisposable
{
    private readonly PullDownloader downloader = new(new AddressPolicy(config.Api.RemoteDownload.Allow), config.Api.RemoteDownload.MaxRedirects);

    public PullRegistry Registry => registry;

    /// <summary>Runs <paramref name="download"/> to the end; the path written, from the server root. The caller
    /// releases the download's place.</summary>
    public async Task<string> RunAsync(PullDownload download, ServerFileSystem files, Uri url, string root, string? fileName, bool useHeader, CancellationToken ct)
    {
        using var response = await downloader.OpenAsync(url, ct);
        var finalUrl = response.RequestMessage?.RequestUri ?? url;
        var name = PullFileName.Choose(fileName, useHeader, response, finalUrl)
            ?? throw new PullRefusedException("no file name: give file_name, or a URL that ends in one");
        var path = ConfinedPath.Join(ConfinedPath.Parse(root.TrimEnd('/') + "/" + name));
        files.Guard(path, isDirectory: false);
        var length = response.Content.Headers.ContentLength ?? 0;
        download.Started(length);
        await using var body = new ProgressStream(await response.Content.ReadAsStreamAsync(ct), download.Advance);
        await files.WriteAsync(path, body, length, null, ct);
        PullLog.Pulled(logger, download.Server, url.ToString(), path, length);
        return path;
    }

    /// <summary>Starts <paramref name="download"/> in the background; failures are logged (no completion event exists).</summary>
    public void Start(PullDownload download, ServerFileSystem files, Uri url, string root, string? fileName, bool useHeader) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await RunAsync(download, files, url, root, fileName, useHeader, download.Cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                PullLog.Cancelled(logger, download.Server, url.ToString());
            }
            catch (Exception e)
            {
                PullLog.Failed(logger, download.Server, url.ToString(), e.Message);
            }
            finally
            {
                registry.Finished(download);
            }
        });

    public void Dispose() => downloader.Dispose();
}
