using Docker.DotNet;
using Docker.DotNet.Models;

namespace Aerie.Node.Environments.Docker;

/// <summary>Engine calls the environment composes: finding, removing and guarding.</summary>
internal static class ContainerOperations
{
    public static async Task RemoveLeftoverAsync(DockerEngine engine, string serverUuid, CancellationToken cancellationToken)
    {
        var name = ContainerNames.For(serverUuid);
        var inspected = await InspectOrNullAsync(engine, name, cancellationToken);
        if (inspected is null)
        {
            return;
        }
        if (!IsOurs(inspected, serverUuid))
        {
            throw new EnvironmentException($"A container named {name} exists but is not managed by Aerie");
        }
        if (inspected.State is { Running: true })
        {
            throw new EnvironmentException("server is already running (its container survived; attach to it instead)");
        }
        await ForceRemoveAsync(engine, inspected, cancellationToken);
    }

    public static async Task ForceRemoveAsync(DockerEngine engine, ContainerInspectResponse inspected, CancellationToken cancellationToken)
    {
        if (inspected.State is { Running: true })
        {
            // Kill first: a forced remove would wait out the stop timeout of a game that ignores SIGTERM.
            await engine.Client.Containers.KillContainerAsync(inspected.ID, new ContainerKillParameters { Signal = "SIGKILL" }, cancellationToken);
        }
        try
        {
            await engine.Client.Containers.RemoveContainerAsync(inspected.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already gone.
        }
    }

    public static async Task RemoveQuietlyAsync(DockerEngine engine, string containerId)
    {
        try
        {
            await engine.Client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
        catch (Exception e) when (DockerEngine.IsTransport(e) || e is DockerApiException)
        {
            // Best effort: the next start removes the leftover.
        }
    }

    public static async Task<ContainerInspectResponse?> InspectOrNullAsync(DockerEngine engine, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.Client.Containers.InspectContainerAsync(name, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Only containers labelled for this server are ever removed or re-attached.</summary>
    public static bool IsOurs(ContainerInspectResponse inspected, string serverUuid) =>
        inspected.Config?.Labels is { } labels
        && labels.TryGetValue(ContainerNames.ServerLabel, out var uuid) && uuid == serverUuid
        && labels.TryGetValue(ContainerNames.ManagedLabel, out var managed) && managed == "true";

    public static Task Guard(DockerEngine engine, Func<Task> call) => Guard(engine, async () =>
    {
        await call();
        return true;
    });

    /// <summary>Turns engine failures into <see cref="EnvironmentException"/>s with the engine's own reason.</summary>
    public static async Task<T> Guard<T>(DockerEngine engine, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DockerApiException e)
        {
            throw new EnvironmentException($"Docker engine refused the request: {DockerErrors.Message(e)}", e);
        }
        catch (Exception e) when (DockerEngine.IsTransport(e))
        {
            throw engine.Unreachable(e);
        }
    }
}
