using Docker.DotNet;
using Docker.DotNet.Models;

namespace Aerie.Node.Environments.Docker;

/// <summary>Takes one-shot stats samples on demand (the caller polls about once a second) and
/// computes CPU from the delta to this sampler's previous sample, which works the same on Docker
/// and Podman (Podman's streamed stats come only every 5 s and its one-shot precpu is empty).</summary>
internal sealed class StatsSampler(DockerEngine engine)
{
    private readonly Lock gate = new();
    private ContainerStatsResponse? previousSample;

    public async Task<EnvironmentStats> SampleAsync(string containerId, DateTimeOffset startedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ContainerStatsResponse? sample = null;
        try
        {
            await engine.Client.Containers.GetContainerStatsAsync(
                containerId,
                new ContainerStatsParameters { Stream = false, OneShot = true },
                new InlineProgress<ContainerStatsResponse>(s => sample = s),
                cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return EnvironmentStats.Zero;
        }
        if (sample?.MemoryStats is null)
        {
            return EnvironmentStats.Zero; // stopped between the check and the sample: the engine sends nothing
        }
        double cpu;
        lock (gate)
        {
            cpu = previousSample is null ? 0 : StatsMath.CpuAbsolute(previousSample, sample);
            previousSample = sample;
        }
        var (rx, tx) = StatsMath.Network(sample);
        var uptime = startedAt == default ? 0 : Math.Max(0, (long)(now - startedAt).TotalMilliseconds);
        return new EnvironmentStats(
            StatsMath.MemoryBytes(sample.MemoryStats),
            (long)(sample.MemoryStats.Limit ?? 0),
            Math.Round(cpu, 3),
            rx,
            tx,
            uptime);
    }
}
