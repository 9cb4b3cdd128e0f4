using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using Docker.DotNet;

namespace Aerie.Node.Environments.Docker;

/// <summary>One connection to a Docker Engine API on a unix socket: the Docker.DotNet client for
/// ordinary calls, plus a plain HttpClient for the log stream (which needs exact frame boundaries,
/// see <see cref="LogFollower"/>). Failures to reach the engine become <see cref="EnvironmentException"/>s.</summary>
internal sealed class DockerEngine : IDisposable
{
    /// <summary>The console's version of <see cref="Unreachable"/>: every console user sees it, so no host paths.</summary>
    public const string UnreachableNotice = "The container engine is unreachable; the server cannot be started or watched until it is back.";

    private readonly HttpClient httpClient;
    private DockerClient? dockerClient;

    private DockerEngine(string socketPath, HttpClient http)
    {
        SocketPath = socketPath;
        httpClient = http;
    }

    public string SocketPath { get; }

    /// <summary>The version path prefix, e.g. "v1.41", used by both clients.</summary>
    public string ApiVersion { get; private set; } = "";

    public DockerClient Client => dockerClient ?? throw new InvalidOperationException("engine not connected");

    public HttpClient Http => httpClient;

    /// <summary>Podman's Docker API: its log follow is unreliable, so the console is polled (see <see cref="LogFollower"/>).</summary>
    public bool IsPodman { get; private set; }

    /// <summary>Probes the engine (GET /version) and builds the clients pinned to the negotiated API version.</summary>
    public static async Task<DockerEngine> ConnectAsync(string socketPath, string? pinnedVersion, CancellationToken cancellationToken)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var engine = new DockerEngine(socketPath, new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = Timeout.InfiniteTimeSpan });
        try
        {
            var answer = await engine.ProbeAsync(cancellationToken);
            engine.IsPodman = answer.Components?.Any(c => c.Name?.Contains("Podman", StringComparison.OrdinalIgnoreCase) == true) == true;
            var version = pinnedVersion ?? answer.ApiVersion!;
            engine.ApiVersion = "v" + version;
            engine.dockerClient = new DockerClientBuilder()
                .WithEndpoint(new Uri("unix://" + socketPath))
                .WithApiVersion(Version.Parse(version))
                .Build();
            return engine;
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    private async Task<VersionAnswer> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            // Unversioned path: every engine answers it at its own newest version.
            var answer = await httpClient.GetFromJsonAsync<VersionAnswer>("version", timeout.Token);
            if (answer?.ApiVersion is not { Length: > 0 } v || !System.Version.TryParse(v, out _))
            {
                throw new EnvironmentException($"Docker engine at {SocketPath} did not report an API version", notice: UnreachableNotice);
            }
            return answer;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or System.Text.Json.JsonException
                                   || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Unreachable(e);
        }
    }

    /// <summary>The message every "cannot talk to the engine" failure carries.</summary>
    public EnvironmentException Unreachable(Exception e) =>
        new($"Docker engine unreachable at {SocketPath}: {e.Message}", e, UnreachableNotice);


    /// <summary>True for exceptions that mean the engine could not be reached at all.</summary>
    public static bool IsTransport(Exception e) =>
        e is HttpRequestException or SocketException or IOException
        || e.InnerException is HttpRequestException or SocketException or IOException;

    public void Dispose()
    {
        dockerClient?.Dispose();
        httpClient.Dispose();
    }

    private sealed record VersionAnswer(
        [property: JsonPropertyName("ApiVersion")] string? ApiVersion,
        [property: JsonPropertyName("Components")] IReadOnlyList<VersionComponent>? Components);

    private sealed record VersionComponent([property: JsonPropertyName("Name")] string? Name);
}
