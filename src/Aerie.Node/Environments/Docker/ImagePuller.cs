using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Aerie.Node.Environments.Docker;

/// <summary>Makes sure the server's image is present, pulling it when missing and reporting progress
/// lines such as <c>Pulling image x: 1a2b: Downloading 12.3 MiB / 40.0 MiB</c>.</summary>
internal sealed class ImagePuller(DockerEngine engine, TimeProvider time)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    public async Task EnsureAsync(string image, Action<string> report, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            throw new EnvironmentException("The server has no container image configured");
        }
        if (await ExistsAsync(image, cancellationToken))
        {
            return;
        }
        report($"Pulling image {image}");
        string? failure = null;
        var lastReport = DateTimeOffset.MinValue;
        var progress = new InlineProgress<JSONMessage>(message =>
        {
            if (message.Error is { Message: { Length: > 0 } error })
            {
                failure = error;
                return;
            }
            var now = time.GetUtcNow();
            if (message.Progress?.Total is > 0 && now - lastReport < ProgressEvery)
            {
                return; // byte counters come many times a second; one line a second is plenty
            }
            lastReport = now;
            if (Describe(image, message) is { } line)
            {
                report(line);
            }
        });
        var (repository, tag) = Split(image);
        try
        {
            await engine.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag }, null, progress, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw new EnvironmentException($"Image {image} could not be pulled: {DockerErrors.Message(e)}", e);
        }
        if (failure is not null)
        {
            throw new EnvironmentException($"Image {image} could not be pulled: {failure}");
        }
        if (!await ExistsAsync(image, cancellationToken))
        {
            throw new EnvironmentException($"Image {image} could not be pulled: the engine finished without it");
        }
        report($"Pulled image {image}");
    }

    private async Task<bool> ExistsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Client.Images.InspectImageAsync(image, cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    internal static string? Describe(string image, JSONMessage message)
    {
        if (string.IsNullOrEmpty(message.Status))
        {
            return null;
        }
        var layer = string.IsNullOrEmpty(message.ID) ? "" : message.ID + ": ";
        var amount = message.Progress is { Total: > 0 } p
            ? string.Create(CultureInfo.InvariantCulture, $" {Mib(p.Current ?? 0)} / {Mib(p.Total.Value)}")
            : "";
        return $"Pulling image {image}: {layer}{message.Status}{amount}";
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB");

    /// <summary>"repo:tag" → (repo, tag); a digest reference or a bare repo is passed whole (tag "latest" for bare).</summary>
    internal static (string Repository, string Tag) Split(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return (image, "");
        }
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}
