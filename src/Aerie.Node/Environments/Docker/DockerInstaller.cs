using System.Globalization;
using Aerie.Node.Configuration;
using Aerie.Node.Servers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Aerie.Node.Environments.Docker;

/// <summary>
/// Runs an install script on the docker runtime (spec 05 §7 steps 6–8): the image made present (an image whose
/// reference starts with <c>~</c> is local and never pulled; one already present is used as is), any old
/// <c>&lt;uuid&gt;_installer</c> container removed, a new one created — hostname <c>installer</c>, command
/// <c>[entrypoint, /mnt/install/install.sh]</c>, the §5.4 environment, the server folder at <c>/mnt/server</c>, the
/// script folder at <c>/mnt/install</c>, a <c>/tmp</c> tmpfs, memory and CPU no lower than
/// <c>docker.installer_limits</c>, no PID limit, root inside the container — started, its output read from the engine's
/// log while it runs, and removed afterwards, also when the install is cancelled (timeout) or fails.
/// </summary>
internal sealed class DockerInstaller(DockerRuntimeOptions options, InstallerLimitsConfig limits, TimeProvider time) : IServerInstaller
{
    public const string ContainerType = "server_installer";
    private const long CpuPeriod = 100_000;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    public static string ContainerName(string serverUuid) => serverUuid + "_installer";

    public async Task<InstallOutcome> InstallAsync(InstallRequest request, CancellationToken cancellationToken)
    {
        DockerEngine engine;
        try
        {
            engine = await DockerEngine.ConnectAsync(options.SocketPath, options.ApiVersion, cancellationToken);
        }
        catch (EnvironmentException e)
        {
            return InstallOutcome.Failed(e.Message);
        }
        using (engine)
        {
            string? id = null;
            try
            {
                var image = await ImageAsync(engine, request, cancellationToken);
                await RemoveOldAsync(engine, request.ServerUuid, cancellationToken);
                var defaults = options.Defaults;
                await ContainerOperations.Guard(engine, () => ContainerNetwork.EnsureAsync(engine, defaults.NetworkName, cancellationToken));
                var gateway = await ContainerOperations.Guard(engine, () => ContainerNetwork.GatewayAsync(engine, defaults.NetworkName, cancellationToken));
                Directory.CreateDirectory(request.WorkingDirectory);
                var created = await ContainerOperations.Guard(engine, () => engine.Client.Containers.CreateContainerAsync(
                    Build(request, image, defaults, gateway, engine.IsPodman), cancellationToken));
                id = created.ID;
                await ContainerOperations.Guard(engine, () => engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken));
                return InstallOutcome.Exited(await WatchAsync(engine, created.ID, request, cancellationToken));
            }
            catch (EnvironmentException e) when (cancellationToken.IsCancellationRequested)
            {
                // A call cut short by the timeout reads as a transport failure: it is the cancellation.
                throw new OperationCanceledException(e.Message, e, cancellationToken);
            }
            catch (EnvironmentException e)
            {
                return InstallOutcome.Failed(e.Message);
            }
            finally
            {
                if (id is not null)
                {
                    // Also after a timeout: the kill is part of the removal.
                    await ContainerOperations.RemoveQuietlyAsync(engine, id);
                }
            }
        }
    }

    /// <summary>The image to run: present already, pulled (progress as install output), or the failure of the pull.</summary>
    private async Task<string> ImageAsync(DockerEngine engine, InstallRequest request, CancellationToken cancellationToken)
    {
        var reference = request.Script.ContainerImage.Trim();
        if (reference.StartsWith('~'))
        {
            var local = reference[1..];
            try
            {
                await engine.Client.Images.InspectImageAsync(local, cancellationToken);
                return local;
            }
            catch (DockerImageNotFoundException)
            {
                throw new EnvironmentException($"Image {local} is not on this node (a '~' image is local and never pulled)");
            }
            catch (Exception e) when (DockerEngine.IsTransport(e))
            {
                throw engine.Unreachable(e);
            }
        }
        await ContainerOperations.Guard(engine, () => new ImagePuller(engine, time).EnsureAsync(reference, request.Output, cancellationToken));
        return reference;
    }

    private static async Task RemoveOldAsync(DockerEngine engine, string serverUuid, CancellationToken cancellationToken)
    {
        var old = await ContainerOperations.Guard(engine, () => ContainerOperations.InspectOrNullAsync(engine, ContainerName(serverUuid), cancellationToken));
        if (old is null)
        {
            return;
        }
        if (!ContainerOperations.IsOurs(old, serverUuid))
        {
            throw new EnvironmentException($"A container named {ContainerName(serverUuid)} exists but is not managed by Aerie");
        }
        await ContainerOperations.Guard(engine, () => ContainerOperations.ForceRemoveAsync(engine, old, cancellationToken));
    }

    internal CreateContainerParameters Build(InstallRequest request, string image, ContainerDefaults defaults, string? gateway, bool podman)
    {
        var memory = Math.Max(request.MemoryLimitBytes, limits.Memory * 1024 * 1024);
        if (memory <= 0)
        {
            memory = defaults.MemoryCeilingBytes;
        }
        // Unlimited when the installer limit is 0 or the server itself is unlimited; else the larger of the two.
        var cpu = limits.Cpu == 0 || request.CpuLimitPercent == 0 ? 0 : Math.Max(request.CpuLimitPercent, limits.Cpu);
        var host = new HostConfig
        {
            Binds = [Path.GetFullPath(request.WorkingDirectory) + ":/mnt/server", Path.GetFullPath(request.ScriptDirectory) + ":/mnt/install"],
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = string.Create(CultureInfo.InvariantCulture, $"rw,exec,nosuid,size={defaults.TmpfsMiB}m") },
            Memory = memory,
            MemorySwap = memory,
            CPUPeriod = cpu > 0 ? CpuPeriod : 0,
            CPUQuota = cpu > 0 ? cpu * CpuPeriod / 100 : 0,
            NetworkMode = defaults.NetworkName,
            SecurityOpt = [ContainerHardening.SecurityOption],
            LogConfig = ContainerHardening.LogConfig(defaults.LogMaxBytes, podman),
            RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.No },
        };
        return new CreateContainerParameters
        {
            Name = ContainerName(request.ServerUuid),
            Hostname = "installer",
            Image = image,
            // Root: install scripts are written for root installer images (they install packages, chown files).
            User = "0:0",
            Cmd = [request.Script.Entrypoint, "/mnt/install/" + ServerInstall.ScriptFile],
            Env = ContainerSpecBuilder.BuildEnvironment(request.Environment, gateway),
            WorkingDir = "/mnt/server",
            Labels = new Dictionary<string, string>
            {
                ["Service"] = "Aerie",
                ["ContainerType"] = ContainerType,
                [ContainerNames.ServerLabel] = request.ServerUuid,
                [ContainerNames.ManagedLabel] = "true",
            },
            // Not a TTY: the log keeps stdout and stderr as framed entries the console reader splits exactly.
            OpenStdin = true,
            AttachStdin = false,
            Tty = false,
            HostConfig = host,
        };
    }

    /// <summary>Reads the log while the container runs, then once more after it stopped; the exit code.</summary>
    private async Task<int> WatchAsync(DockerEngine engine, string id, InstallRequest request, CancellationToken cancellationToken)
    {
        var state = Path.Combine(options.StateDirectory, "installs");
        var cursors = new LogCursorStore(state, request.ServerUuid);
        var follower = new LogFollower(engine, cursors, time);
        var lines = new ConsoleLineSplitter(request.Output);
        void Feed(ReadOnlyMemory<byte> chunk) => lines.Feed(chunk.Span);
        try
        {
            var wait = engine.Client.Containers.WaitContainerAsync(id, cancellationToken);
            while (!wait.IsCompleted)
            {
                await Task.WhenAny(wait, Task.Delay(PollEvery, time, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
                await ContainerOperations.Guard(engine, () => follower.PollAsync(id, final: false, Feed, cancellationToken));
            }
            var exit = await ContainerOperations.Guard(engine, () => wait);
            await ContainerOperations.Guard(engine, () => follower.PollAsync(id, final: true, Feed, cancellationToken));
            lines.Flush();
            return (int)exit.StatusCode;
        }
        finally
        {
            cursors.Delete();
        }
    }
}
