using System.Security.Cryptography;
using System.Text;
using Aerie.Contracts.NodeApi;
using Aerie.Node.Configuration;
using Microsoft.AspNetCore.Http;

namespace Aerie.Node.Http;

/// <summary>Node API auth: <c>Authorization: Bearer &lt;node secret&gt;</c>, compared in constant time.</summary>
internal sealed class NodeAuthFilter(NodeConfig config) : IEndpointFilter
{
    private readonly byte[] secret = Encoding.UTF8.GetBytes(config.Token);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Results.Json(new NodeError(NodeApiErrors.MissingAuth), statusCode: StatusCodes.Status401Unauthorized);
        }
        const string scheme = "Bearer ";
        var given = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()) : [];
        if (!CryptographicOperations.FixedTimeEquals(given, secret))
        {
            return Results.Json(new NodeError(NodeApiErrors.Forbidden), statusCode: StatusCodes.Status403Forbidden);
        }
        return await next(context);
    }
}
