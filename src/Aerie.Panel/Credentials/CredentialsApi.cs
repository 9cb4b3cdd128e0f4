using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.Credentials;

internal static class CredentialsApi
{
    /// <summary>The empty-identifier form (<c>servers//websocket</c>) never reaches a route with a parameter, hence its own.</summary>
    public const string EmptyIdentifierPath = "/api/client/servers//websocket";

    public static IEndpointRouteBuilder MapCredentials(this IEndpointRouteBuilder app)
    {
        // Authentication happens inside the handler: spec 01 wants the 400 for an empty identifier before the 401.
        app.MapGet("/api/client/servers/{server}/websocket", (string server, HttpContext http, CredentialsHandler handler) => handler.HandleAsync(server, http));
        return app;
    }

    /// <summary>Answers <c>servers//websocket</c> (and whitespace-only forms routing cannot see) with spec 01's 400.</summary>
    public static IApplicationBuilder UseEmptyServerIdentifierGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.Equals(EmptyIdentifierPath, StringComparison.Ordinal))
        {
            await CredentialsErrors.WriteAsync(http, 400, Contracts.PanelApi.CredentialsMessages.MissingIdentifier);
            return;
        }
        await next(http);
    });
}
