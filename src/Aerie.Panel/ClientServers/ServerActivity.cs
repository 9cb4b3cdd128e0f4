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
        var agent = http.Request.Headers.UserAgent.ToString();
        var record = new ActivityRecord
        {
            ServerUuid = scope.Server.Uuid,
            UserUuid = scope.User.Uuid,
            Event = name,
            Ip = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = agent.Length > 512 ? agent[..512] : agent,
            MetadataJson = Json.Write(properties ?? new Dictionary<string, string?>()),
            Timestamp = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        return http.RequestServices.GetRequiredService<ActivityWriter>().RecordAsync(record, http.RequestServices.GetRequiredService<PanelDb>(), http.RequestAborted);
    }
}
