using Aerie.Panel.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Auth;

/// <summary>
/// Requires a caller (401), counts the request against the caller's rate limit (429, spec 04 §1.6) and, for
/// cookie-authenticated writes, requires the CSRF double-submit header (419).
/// </summary>
internal sealed class AuthFilter(bool adminOnly) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = await http.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(http);
        var limiter = http.RequestServices.GetRequiredService<ApiRateLimiter>();
        if (!limiter.TryAcquire(http, caller?.User.Uuid.ToString() ?? "ip:" + http.Connection.RemoteIpAddress))
        {
            return ApiErrors.Result(429, ApiErrorCodes.ThrottleText, ApiErrorCodes.Throttle);
        }
        if (caller is null)
        {
            return ApiErrors.Result(401, ApiErrorCodes.UnauthenticatedText);
        }
        if (!caller.ViaApiKey && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !CsrfMatches(http.Request))
        {
            return ApiErrors.Result(419, "CSRF token mismatch.");
        }
        if (adminOnly && !caller.User.Admin)
        {
            return ApiErrors.Result(403, ApiErrorCodes.UnauthorizedText);
        }
        caller.Attach(http);
        return await next(context);
    }

    public static bool CsrfMatches(HttpRequest request)
    {
        var header = request.Headers[AuthCookies.CsrfHeader].ToString();
        return request.Cookies.TryGetValue(AuthCookies.Csrf, out var cookie)
            && !string.IsNullOrEmpty(cookie) && header.Length == cookie.Length && header.Length <= 128
            && Secrets.FixedEquals(header, cookie);
    }
}
