using Aerie.Contracts.NodeApi;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Remote;

/// <summary>Authenticates a node: <c>Authorization: Bearer &lt;token_id&gt;.&lt;token&gt;</c>, secret compared in constant time.</summary>
internal sealed class RemoteNodeFilter : IEndpointFilter
{
    private const string ItemKey = "aerie.node";

    public static PanelNode Of(HttpContext http) => http.Items[ItemKey] as PanelNode ?? throw new InvalidOperationException("Route is missing the node filter.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(new NodeError(NodeApiErrors.MissingAuth), statusCode: 401);
        }
        var value = header["Bearer ".Length..].Trim();
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot != 16 || value.Length > 200)
        {
            return Results.Json(new NodeError(NodeApiErrors.Forbidden), statusCode: 403);
        }
        var tokenId = value[..dot];
        var db = http.RequestServices.GetRequiredService<PanelDb>();
        var node = await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.TokenId == tokenId, http.RequestAborted);
        var secret = node is null ? null : http.RequestServices.GetRequiredService<NodeSecrets>().TryUnprotect(node.TokenSecretProtected);
        if (node is null || secret is null || !Secrets.FixedEquals(value[(dot + 1)..], secret))
        {
            return Results.Json(new NodeError(NodeApiErrors.Forbidden), statusCode: 403);
        }
        http.Items[ItemKey] = node;
        return await next(context);
    }
}
