using Aerie.Panel.Activity;
using Aerie.Panel.Allocations;
using Aerie.Panel.Api;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.ClientServers;
using Aerie.Panel.Credentials;
using Aerie.Panel.Eggs;
using Aerie.Panel.Http;
using Aerie.Panel.Locations;
using Aerie.Panel.NodeCalls;
using Aerie.Panel.Nodes;
using Aerie.Panel.Remote;
using Aerie.Panel.Schedules;
using Aerie.Panel.Servers;
using Aerie.Panel.Subusers;
using Aerie.Panel.TwoFactor;
using Aerie.Panel.Users;
using Aerie.Panel.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel;

/// <summary>Builds the panel web app: the `aerie panel` command, `aerie up` and the tests all host it this way.</summary>
internal static class PanelHost
{
    public static WebApplication Build(PanelOptions options, Action<IServiceCollection>? configure = null)
    {
        Validate(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(PanelHost).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.ListenUrl);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.AddServerHeader = false;
        });
        // Per-request and per-SQL-command info lines drown the panel's own messages; keep them at warnings.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddPanelCore(options);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<Remote.SftpAuthThrottle>();
        builder.Services.AddSingleton<ClientServers.FilePullLimiter>();
        builder.Services.AddSingleton<ClientServers.NodeFiles>();
        builder.Services.AddSingleton<Api.ApiRateLimiter>();
        builder.Services.AddSingleton<PreflightCache>();
        builder.Services.AddSingleton<ServerResources>();
        builder.Services.AddSingleton<CredentialsRateLimiter>();
        builder.Services.AddSingleton<CredentialsSnapshots>();
        builder.Services.AddSingleton<AccessStampReader>();
        builder.Services.AddSingleton<ConsoleTokenMinter>();
        builder.Services.AddScoped<SessionService>();
        builder.Services.AddScoped<CallerResolver>();
        builder.Services.AddScoped<CredentialsHandler>();
        builder.Services.AddTwoFactor();
        builder.Services.AddHostedService<OutboxProcessor>();
        builder.Services.AddScoped<Backups.BackupService>();
        builder.Services.AddScoped<Backups.BackupPruner>();
        builder.Services.AddScoped<Backups.BackupRetention>();
        builder.Services.AddScoped<Schedules.IScheduledBackups, Backups.ScheduledBackups>();
        builder.Services.AddSingleton<Backups.BackupMaintenance>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Backups.BackupMaintenance>());
        builder.Services.AddSingleton<IActivityStore, DbActivityStore>();
        builder.Services.AddSingleton<ActivityWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ActivityWriter>());
        builder.Services.AddSchedules();
        builder.Services.AddHostedService<Eggs.BuiltIn.BuiltInSeeder>();
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        PanelServices.MigrateAsync(app.Services).GetAwaiter().GetResult();
        app.UseTrustedProxies(options);
        app.UseMiddleware<ErrorMiddleware>();
        app.UseHstsWhenPublicHttps(options);
        app.UseEmptyServerIdentifierGuard();
        app.MapAuth();
        app.MapLoginCheckpoint();
        app.MapTwoFactor();
        app.MapUsers();
        app.MapApiKeys();
        app.MapAccount();
        app.MapApplicationKeys();
        app.MapNodes();
        app.MapDeployableNodes();
        app.MapAllocations();
        app.MapLocations();
        app.MapNests();
        app.MapEggTransfer();
        app.MapServers();
        app.MapClientServers();
        app.MapSubusers();
        app.MapCredentials();
        app.MapActivity();
        app.MapPermissions();
        app.MapRemote();
        app.UseWebUi();
        return app;
    }

    /// <summary>Bad options stop the start with a message naming the option.</summary>
    private static void Validate(PanelOptions o)
    {
        Require(!string.IsNullOrWhiteSpace(o.DataFolder), "DataFolder (--data) is required.");
        Require(Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var pub) && pub.Scheme is "http" or "https", "PublicUrl (--public-url) must be an absolute http(s) URL.");
        Require(Uri.TryCreate(o.ListenUrl, UriKind.Absolute, out var listen) && listen.Scheme is "http" or "https", "ListenUrl (--listen) must be an absolute http(s) URL.");
        Require(o.TokenTtl > TimeSpan.Zero, "TokenTtl must be positive.");
        Require(o.PreflightTimeout > TimeSpan.Zero, "PreflightTimeout must be positive.");
        Require(o.CredentialsPerMinute > 0, "CredentialsPerMinute must be positive.");
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}
