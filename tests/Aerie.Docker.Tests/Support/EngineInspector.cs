using System.Text.Json;
using Aerie.Node.Environments.Docker;
using Docker.DotNet.Models;

namespace Aerie.Docker.Tests.Support;

/// <summary>Reads a server's container back from the test engine, as the engine itself reports it.</summary>
internal static class EngineInspector
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static async Task<ContainerInspectResponse> ContainerAsync(string serverUuid)
    {
        using var timeout = new CancellationTokenSource(Wait);
        using var engine = await DockerEngine.ConnectAsync(TestEngine.SocketPath, null, timeout.Token);
        return await engine.Client.Containers.InspectContainerAsync(ContainerNames.For(serverUuid), timeout.Token);
    }

    /// <summary>The log driver the container really got. Podman's Docker API reports every driver as "json-file"
    /// without options, so on Podman its own API (<c>/libpod</c>) is asked instead.</summary>
    public static async Task<string> LogDriverAsync(string serverUuid)
    {
        using var timeout = new CancellationTokenSource(Wait);
        using var engine = await DockerEngine.ConnectAsync(TestEngine.SocketPath, null, timeout.Token);
        if (!engine.IsPodman)
        {
            var inspected = await engine.Client.Containers.InspectContainerAsync(ContainerNames.For(serverUuid), timeout.Token);
            return inspected.HostConfig!.LogConfig!.Type;
        }
        var json = await engine.Http.GetStringAsync(new Uri($"v4.0.0/libpod/containers/{ContainerNames.For(serverUuid)}/json", UriKind.Relative), timeout.Token);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("HostConfig").GetProperty("LogConfig").GetProperty("Type").GetString()!;
    }

    public static async Task<NetworkResponse> NetworkAsync(string name)
    {
        using var timeout = new CancellationTokenSource(Wait);
        using var engine = await DockerEngine.ConnectAsync(TestEngine.SocketPath, null, timeout.Token);
        return await engine.Client.Networks.InspectNetworkAsync(name, timeout.Token);
    }
}
