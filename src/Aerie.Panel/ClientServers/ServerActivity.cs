using System.Text.Json.Nodes;
using Aerie.Panel.Activity;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.ClientServers;

/// <summary>The activity entries the server routes write (spec 04 §2.4's event names), attributed to the caller.</summary>
internal static class ServerActivity
{
    public const string Command = "server:console.command";
    public const string Rename = "server:settings.rename";
    public const string Description = "server:settings.description";
    public const string Reinstall = "server:reinstall";
    public const string Image = "server:startup.image";

    public static string Power(string signal) => "server:power." + signal;

    public static ValueTask RecordAsync(HttpContext http, ServerScope scope, string name, IReadOnlyDictionary<string, string?>? properties = null)
    {
        var services = http.RequestServices;
        var metadata = new JsonObject();
        foreach (var (key, value) in properties ?? new Dictionary<string, string?>())
        {
            metadata[key] = value;
        }
        var record = ActivityEntries.Of(http, name, services.GetRequiredService<TimeProvider>(), scope.Server.Uuid, metadata);
        return services.GetRequiredService<ActivityWriter>().RecordAsync(record, services.GetRequiredService<PanelDb>(), http.RequestAborted);
    }
}
