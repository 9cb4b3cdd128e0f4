using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.ApiKeys;

/// <summary>
/// The <c>r_*</c> check of one Application API resource (spec 04 §1.2) for a whole route group: GET and HEAD
/// need the read bit, every other method the write bit. Added after <see cref="Auth.AuthFilter"/>, which
/// attaches the caller; it runs before the body is read, so a refused write never half-validates.
/// </summary>
internal sealed class ApplicationResourceFilter(ApplicationResource resource) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ApplicationAccess.Require(context.HttpContext, resource);
        return next(context);
    }
}
