using Aerie.Contracts.PanelApi;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Auth;

/// <summary>Requires a caller (401) and, for cookie-authenticated writes, the CSRF double-submit header (419).</summary>
internal sealed class AuthFilter(bool adminOnly) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = await http.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(http);
        if (caller is null)
        {
            return ApiErrors.Result(401, CredentialsMessages.Unauthenticated);
        }
        if (!caller.ViaApiKey && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !CsrfMatches(http.Request))
        {
            return ApiErrors.Result(419, "CSRF token mismatch.");
        }
        if (TwoFactor.TwoFactorGate.Refusal(http.RequestServices.GetRequiredService<PanelOptions>(), caller.User, http.Request.Path) is { } twoFactorFirst)
        {
            return twoFactorFirst;
        }
        if (adminOnly && !caller.User.Admin)
        {
            return ApiErrors.Result(403, "This action is unauthorized.");
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
