using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Locations;

/// <summary><c>/api/application/locations</c> (spec 04 §3.4).</summary>
internal static class LocationsApi
{
    private static readonly ListRules Rules = new(["short", "long"], ["id"], 50, 500);

    public static IEndpointRouteBuilder MapLocations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/application/locations").AddEndpointFilter(new AuthFilter(adminOnly: true))
            .AddEndpointFilter(new ApplicationResourceFilter(ApplicationResource.Locations));
        group.MapGet("/", async (HttpRequest request, PanelDb db, PanelOptions options, CancellationToken ct) =>
        {
            var list = ListQuery.Parse(request.Query, Rules);
            var query = db.Locations.AsNoTracking().WhereContainsAny(l => l.Short, list.Filter("short")).WhereContainsAny(l => l.Long, list.Filter("long"));
            var page = await list.PageAsync(list.Order(query, l => l.Id), ct);
            var includes = Includes.From(request.Query);
            var transformer = await TransformerAsync(db, page.Items.Select(l => l.Id).ToList(), includes, ct);
            return Results.Json(transformer.Paginated(page, PageLinks.Of(request, options), includes));
        });
        group.MapGet("/{id:int}", async (int id, HttpRequest request, PanelDb db, LocationService locations, CancellationToken ct) =>
        {
            var location = await locations.FindAsync(id, ct);
            var includes = Includes.From(request.Query);
            return Results.Json((await TransformerAsync(db, [id], includes, ct)).Item(location, includes));
        });
        group.MapPost("/", async (HttpRequest request, LocationService locations, PanelOptions options, CancellationToken ct) =>
        {
            var (shortCode, longName) = await ReadAsync(request, ct);
            var location = await locations.CreateAsync(shortCode, longName, ct);
            var document = Fractal.WithMeta(new LocationTransformer().Item(location), new JsonObject { ["resource"] = $"{options.PublicUrl.TrimEnd('/')}/api/application/locations/{location.Id}" });
            return Results.Json(document, statusCode: StatusCodes.Status201Created);
        });
        group.MapPatch("/{id:int}", async (int id, HttpRequest request, LocationService locations, CancellationToken ct) =>
        {
            // An unknown id is 404 whatever the body (Laravel binds the route's model before validating).
            await locations.FindAsync(id, ct);
            var (shortCode, longName) = await ReadAsync(request, ct);
            return Results.Json(new LocationTransformer().Item(await locations.UpdateAsync(id, shortCode, longName, ct)));
        });
        group.MapDelete("/{id:int}", async (int id, LocationService locations, CancellationToken ct) =>
        {
            await locations.DeleteAsync(id, ct);
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<(string Short, string? Long)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var input = await ApiBody.ReadAsync(request, ct);
        var shortCode = input.String("short", required: true, min: 1, max: 60);
        var longName = input.String("long", max: 191);
        input.ThrowIfInvalid();
        return (shortCode!, longName);
    }

    private static async Task<LocationTransformer> TransformerAsync(PanelDb db, List<int> ids, Includes includes, CancellationToken ct)
    {
        if (!includes.Has("nodes"))
        {
            return new LocationTransformer();
        }
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.LocationId != null && ids.Contains(n.LocationId.Value)).OrderBy(n => n.Id).ToListAsync(ct);
        return new LocationTransformer(nodes.GroupBy(n => n.LocationId!.Value).ToDictionary(g => g.Key, g => g.ToList()));
    }
}
