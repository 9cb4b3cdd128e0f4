using Aerie.Panel.Auth;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.TwoFactor;

/// <summary>Who is asking, for the audit row: the client's address and user agent.</summary>
internal sealed record ActivityContext(string Ip, string UserAgent)
{
    public static ActivityContext Of(HttpContext http)
    {
        var agent = http.Request.Headers.UserAgent.ToString();
        return new ActivityContext(SessionCookies.ClientIp(http), agent.Length > 512 ? agent[..512] : agent);
    }
}
