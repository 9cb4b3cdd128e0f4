using System.Text.Json.Nodes;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Activity;

/// <summary>The activity row of something a caller did through a request: who, from where, with which credential kind.</summary>
internal static class ActivityEntries
{
    private const int MaxUserAgent = 512;

    public static ActivityRecord Of(HttpContext http, string name, TimeProvider time, Guid? server = null, JsonObject? properties = null)
    {
        var caller = Caller.Of(http);
        var agent = http.Request.Headers.UserAgent.ToString();
        return new ActivityRecord
        {
            ServerUuid = server,
            UserUuid = caller.User.Uuid,
            Event = name,
            IsApi = caller.ViaApiKey,
            Ip = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = agent.Length > MaxUserAgent ? agent[..MaxUserAgent] : agent,
            MetadataJson = (properties ?? []).ToJsonString(),
            Timestamp = time.GetUtcNow(),
        };
    }
}
