using Aerie.Panel.Auth;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.ApiKeys;

/// <summary>
/// The per-resource check of the Application API (spec 04 §1.2), for its routes to call first: an application
/// key needs the resource's read bit for reads and its write bit for writes. Sessions of administrators and
/// administrators' client keys (when allowed, see <see cref="AuthFilter"/>) have full access.
/// </summary>
internal static class ApplicationAccess
{
    /// <exception cref="PanelProblem">403 <c>AccessDeniedHttpException</c> <c>This action is unauthorized.</c></exception>
    public static void Require(HttpContext http, ApplicationResource resource, bool write)
    {
        if (Caller.Of(http).Key is { KeyType: ApiKeyType.Application } key && !ApplicationMasks.Allows(key, resource, write))
        {
            throw PanelProblem.Unauthorized();
        }
    }

    /// <summary>As above, a write for anything but GET and HEAD.</summary>
    public static void Require(HttpContext http, ApplicationResource resource) =>
        Require(http, resource, write: !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method));
}
