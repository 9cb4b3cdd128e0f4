using Aerie.Panel.Api;
using Aerie.Panel.ApiKeys;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Auth;

/// <summary>
/// Requires a caller (401), counts the request against the caller's rate limit (429, spec 04 §1.6), keeps
/// the two key types on their own API (spec 04 §1.2, Pterodactyl's texts) and, for cookie-authenticated
/// writes, requires the CSRF double-submit header (419).
/// </summary>
internal sealed class AuthFilter(bool adminOnly) : IEndpointFilter
{
    public const string ApplicationKeyOnClient = "You are attempting to use an application API key on an endpoint that requires a client API key.";
    public const string NotAnApiAdministrator = "This account does not have permission to access the API.";

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
        if (IsApplicationApi(http.Request.Path))
        {
            // Every key and session of a non-administrator is refused; an administrator's client key only when allowed.
            var options = http.RequestServices.GetRequiredService<PanelOptions>();
            if (!caller.User.Admin || caller.Key is { KeyType: ApiKeyType.Client } && !options.AdminClientKeysOnApplication)
            {
                return ApiErrors.Result(403, NotAnApiAdministrator, ApiErrorCodes.AccessDenied);
            }
        }
        else if (caller.ViaApplicationKey)
        {
            return ApiErrors.Result(403, ApplicationKeyOnClient, ApiErrorCodes.AccessDenied);
        }
        if (TwoFactor.TwoFactorGate.Refusal(http.RequestServices.GetRequiredService<PanelOptions>(), caller.User, http.Request.Path) is { } twoFactorFirst)
        {
            return twoFactorFirst;
        }
        if (adminOnly && !caller.User.Admin)
        {
            return ApiErrors.Result(403, ApiErrorCodes.UnauthorizedText);
        }
        caller.Attach(http);
        return await next(context);
    }

    public static bool IsApplicationApi(PathString path) => path.StartsWithSegments("/api/application", StringComparison.OrdinalIgnoreCase);

    public static bool CsrfMatches(HttpRequest request)
    {
        var header = request.Headers[AuthCookies.CsrfHeader].ToString();
        return request.Cookies.TryGetValue(AuthCookies.Csrf, out var cookie)
            && !string.IsNullOrEmpty(cookie) && header.Length == cookie.Length && header.Length <= 128
            && Secrets.FixedEquals(header, cookie);
    }
}
