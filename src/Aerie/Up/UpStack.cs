using Aerie.Node;
using Aerie.Node.Environments.LocalProcess;
using Aerie.Panel;
using Aerie.Panel.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Up;

/// <summary>
/// The panel and a local node (process runtime) in one process on loopback: `aerie up` runs it until a
/// signal, the browser tests run it in-process with a temp folder and free ports.
/// </summary>
internal sealed class UpStack : IAsyncDisposable
{
    private bool stopped;

    private UpStack(WebApplication panel, WebApplication node, UpProvisioned provisioned, string panelUrl, string nodeUrl, string dataFolder)
    {
        Panel = panel;
        Node = node;
        Provisioned = provisioned;
        PanelUrl = panelUrl;
        NodeUrl = nodeUrl;
        DataFolder = dataFolder;
    }

    public WebApplication Panel { get; }
    public WebApplication Node { get; }
    public UpProvisioned Provisioned { get; }
    public string PanelUrl { get; }
    public string NodeUrl { get; }
    public string DataFolder { get; }

    /// <summary>Why the demo game runs unsandboxed (bubblewrap missing), or null when it is sandboxed.</summary>
    public string? SandboxWarning => Node.Services.GetRequiredService<ProcessSandbox>().Warning;

    public static async Task<UpStack> StartAsync(UpOptions options, CancellationToken ct)
    {
        var data = UpDataFolder.Prepare(options.DataFolder);
        var panelPort = PortCheck.Claim(options.PanelPort, "--panel-port");
        var nodePort = PortCheck.Claim(options.NodePort, "--node-port");
        if (panelPort == nodePort)
        {
            throw new UpError("--panel-port and --node-port must differ", 2);
        }
        var panelUrl = $"http://127.0.0.1:{panelPort}";
        var nodeUrl = $"http://127.0.0.1:{nodePort}";
        var panelOptions = new PanelOptions { DataFolder = PanelConfiguration.PanelFolderIn(data), ListenUrl = panelUrl, PublicUrl = panelUrl, TokenTtl = options.TokenTtl };
        var panel = PanelHost.Build(options.TweakPanel?.Invoke(panelOptions) ?? panelOptions, Quiet);
        WebApplication? node = null;
        try
        {
            await StartListeningAsync(panel, panelPort, "--panel-port", ct);
            var provisioned = await UpProvisioner.EnsureAdminAndNodeAsync(panel.Services, nodeUrl, options.AdminPassword, ct);
            var config = UpNodeConfig.Write(provisioned, panelUrl, nodePort, data, options.TweakNode);
            // The whole data folder (panel database, node.yml) is the node's: hidden even if it sits beside `aerie`.
            node = NodeHost.Build(config, Quiet, privatePaths: [data]);
            await StartListeningAsync(node, nodePort, "--node-port", ct);
            provisioned = await UpProvisioner.EnsureDemoServerAsync(panel.Services, provisioned, ct);
            return new UpStack(panel, node, provisioned, panelUrl, nodeUrl, data);
        }
        catch
        {
            await StopAndDisposeAsync(node);
            await StopAndDisposeAsync(panel);
            throw;
        }
    }

    /// <summary>The node first, so its games get their stop command while the panel still answers it.</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }
        stopped = true;
        await Node.StopAsync(CancellationToken.None);
        await Panel.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Node.DisposeAsync();
        await Panel.DisposeAsync();
    }

    /// <summary>One lifetime for both hosts (see <see cref="UpHostLifetime"/>); the per-request HttpClient lines
    /// (with stack traces for a refused connection that is retried anyway) would bury the banner.</summary>
    private static void Quiet(IServiceCollection services)
    {
        services.AddSingleton<IHostLifetime, UpHostLifetime>();
        services.AddLogging(b => b
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error));
    }

    private static async Task StartListeningAsync(WebApplication app, int port, string option, CancellationToken ct)
    {
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            // Another program took the port between the check and the bind.
            throw new UpError($"cannot listen on 127.0.0.1:{port} ({option}): {e.Message}");
        }
    }

    private static async Task StopAndDisposeAsync(WebApplication? app)
    {
        if (app is null)
        {
            return;
        }
        try
        {
            await app.StopAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        await app.DisposeAsync();
    }
}
