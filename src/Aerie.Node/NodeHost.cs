using System.Net;
using Aerie.Node.Backups;
using Aerie.Node.ConfigFiles;
using Aerie.Node.Configuration;
using Aerie.Node.Environments;
using Aerie.Node.Http;
using Aerie.Node.Panel;
using Aerie.Node.Servers;
using Aerie.Node.Tokens;
using Aerie.Node.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aerie.Node;

/// <summary>Builds the node daemon: Kestrel on api.host:api.port, the node API, the console socket, the servers.</summary>
internal static class NodeHost
{
    /// <param name="privatePaths">the node's files beyond <c>system.data</c> (its config file) that games must never read</param>
    public static WebApplication Build(NodeConfig config, Action<IServiceCollection>? configure = null, IEnumerable<string>? privatePaths = null)
    {
        // Content root is the install folder, so a stray appsettings.json in the working directory is not read.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // Loaded here, not on the first handshake, so a bad file fails the start naming its key.
        var certificate = config.Api.Ssl.Enabled ? TlsFiles.Load(config.Api.Ssl) : null;
        var endpoint = Endpoint(config.Api.Host, config.Api.Port);
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(endpoint, l =>
            {
                if (certificate is not null)
                {
                    l.UseHttps(certificate);
                }
            });
            // Every node API body is small; nothing a client sends is unbounded.
            k.Limits.MaxRequestBodySize = 1024 * 1024;
            // Kestrel keeps the last request target for reuse by the connection's next request; an upgraded console
            // socket has no next request, so that copy (holding the `?token=` JWT) would live as long as the socket.
            k.DisableStringReuse = true;
        });
        // Request logs would carry `?token=<jwt>`; framework request logging stays below Information.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(config);
        services.AddSingleton(TimeProvider.System);
        services.AddRuntime(config, privatePaths);
        services.AddConfigFiles(config);
        services.AddSingleton<RevocationStore>();
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<UsedTokenStore>();
        services.AddSingleton<SignedUrlValidator>();
        services.AddSingleton<SocketRegistry>();
        services.AddSingleton<SocketSlots>();
        services.AddSingleton<ActivitySpool>();
        services.AddSingleton<ActivityRecorder>();
        services.AddHttpClient<PanelClient>();
        services.AddSingleton<ServerManager>();
        services.AddSingleton<Files.Pull.PullRegistry>();
        services.AddSingleton<Files.Pull.PullService>();
        services.AddHostedService(sp => sp.GetRequiredService<ServerManager>());
        services.AddHostedService<ActivityShipper>();
        services.AddBackups();
        configure?.Invoke(services);
        services.EnsureRuntime(config);

        var app = builder.Build();
        // Open console sockets would hold the shutdown for its whole timeout; clients reconnect to the next daemon.
        var sockets = app.Services.GetRequiredService<SocketRegistry>();
        app.Lifetime.ApplicationStopping.Register(sockets.CloseAll);
        app.UseNodeCors();
        app.UseWebSockets();
        app.MapConsoleSocket();
        app.MapNodeApi();
        app.MapInstallLogs();
        app.MapSignedDownload();
        app.MapSignedUpload();
        return app;
    }

    private static IPEndPoint Endpoint(string host, int port) => host switch
    {
        "" or "0.0.0.0" or "*" => new IPEndPoint(IPAddress.Any, port),
        "::" => new IPEndPoint(IPAddress.IPv6Any, port),
        "localhost" => new IPEndPoint(IPAddress.Loopback, port),
        _ => IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, port)
            : throw new NodeConfigException($"api.host: expected an IP address (or 0.0.0.0, ::, localhost), got '{host}'"),
    };
}
