using Aerie.Node.Configuration;
using Aerie.Node.Environments.LocalProcess;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aerie.Node;

/// <summary>
/// <c>aerie node</c> without its argument parsing: load the file, print its warnings, run until Ctrl-C / SIGTERM
/// (or <paramref name="stop"/>). Every start failure is one line on <paramref name="error"/> naming the file and
/// the key, exit code 2, never a stack trace.
/// </summary>
internal static class NodeRunner
{
    public static async Task<int> RunAsync(string configPath, string? dataOverride, TextWriter error, Action<WebApplication>? started = null,
        CancellationToken stop = default)
    {
        WebApplication? app = null;
        try
        {
            var loaded = NodeConfigLoader.LoadFile(configPath, dataOverride);
            foreach (var warning in loaded.Warnings)
            {
                await error.WriteLineAsync("aerie node: " + warning);
            }
            app = NodeHost.Build(loaded.Config, privatePaths: [configPath]);
            if (app.Services.GetService<ProcessSandbox>() is { Warning: { } unsandboxed })
            {
                await error.WriteLineAsync("aerie node: " + unsandboxed);
            }
            await StartAsync(app, loaded.Config, configPath, stop);
            started?.Invoke(app);
            await app.WaitForShutdownAsync(stop);
            return 0;
        }
        catch (NodeConfigException e)
        {
            // The loader's messages start with the file; NodeHost's (built from an already-loaded config) do not.
            var message = e.Message.StartsWith(configPath + ": ", StringComparison.Ordinal) ? e.Message : $"{configPath}: {e.Message}";
            await error.WriteLineAsync("aerie node: " + message);
            return 2;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }

    private static async Task StartAsync(WebApplication app, NodeConfig config, string configPath, CancellationToken stop)
    {
        try
        {
            await app.StartAsync(stop);
        }
        catch (IOException e)
        {
            // Kestrel's bind failures (address in use, no such address) are IOExceptions.
            throw new NodeConfigException($"{configPath}: api.host/api.port: cannot listen on {config.Api.Host}:{config.Api.Port}: {e.Message}", e);
        }
    }
}
