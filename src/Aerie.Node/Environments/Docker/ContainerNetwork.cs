using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Aerie.Node.Environments.Docker;

/// <summary>
/// The daemon's own bridge network (node config <c>docker.network_name</c>, default <c>aerie0</c>), used instead of
/// the engine's default bridge: created on first use with inter-container traffic disabled and labelled as Aerie's.
/// A network of that name that is not labelled Aerie's is never used (it could be anyone's, with any rules).
/// Podman's Docker API accepts the ICC option with a warning and does not enforce it (docs/security.md).
/// </summary>
internal static class ContainerNetwork
{
    public const string IccOption = "com.docker.network.bridge.enable_icc";

    /// <summary>Makes sure the network exists and is ours; returns the engine's warnings when it was created now.</summary>
    public static async Task<string?> EnsureAsync(DockerEngine engine, string name, CancellationToken cancellationToken)
    {
        if (await InspectOrNullAsync(engine, name, cancellationToken) is { } existing)
        {
            Check(engine, existing);
            return null;
        }
        try
        {
            var created = await engine.Client.Networks.CreateNetworkAsync(new NetworksCreateParameters
            {
                Name = name,
                Driver = "bridge",
                Options = new Dictionary<string, string> { [IccOption] = "false" },
                Labels = new Dictionary<string, string> { [ContainerNames.ManagedLabel] = "true" },
            }, cancellationToken);
            return string.IsNullOrEmpty(created.Warning) ? "no warnings" : created.Warning;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Another server's start created it first.
            Check(engine, await InspectOrNullAsync(engine, name, cancellationToken)
                ?? throw new EnvironmentException($"Container network {name} could not be created: {DockerErrors.Message(e)}", e));
            return null;
        }
    }

    /// <summary>The network's gateway address (the host as its containers reach it), or null when the engine names none.</summary>
    public static async Task<string?> GatewayAsync(DockerEngine engine, string name, CancellationToken cancellationToken) =>
        (await InspectOrNullAsync(engine, name, cancellationToken))?.IPAM?.Config?.Select(c => c.Gateway).FirstOrDefault(g => !string.IsNullOrEmpty(g));

    private static void Check(DockerEngine engine, NetworkResponse network)
    {
        if (network.Labels is null || !network.Labels.TryGetValue(ContainerNames.ManagedLabel, out var managed) || managed != "true")
        {
            throw new EnvironmentException($"A network named {network.Name} exists but was not created by Aerie (no {ContainerNames.ManagedLabel} label); remove it or set docker.network_name to another name");
        }
        // Podman drops the option (and reports no options at all), so only Docker's answer can be checked.
        if (!engine.IsPodman && (network.Options is null || !network.Options.TryGetValue(IccOption, out var icc) || icc != "false"))
        {
            throw new EnvironmentException($"Network {network.Name} lets containers reach each other ({IccOption} is not false); remove it so Aerie creates it again");
        }
    }

    private static async Task<NetworkResponse?> InspectOrNullAsync(DockerEngine engine, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.Client.Networks.InspectNetworkAsync(name, cancellationToken);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
