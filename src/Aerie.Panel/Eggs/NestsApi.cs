using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Eggs;

/// <summary>The read routes of <c>/api/application/nests</c> and their eggs (spec 04 §3.4); eggs are not paginated.</summary>
internal static class NestsApi
{
    private static readonly ListRules Rules = new([], ["id"], 50, 500);

    public static IEndpointRouteBuilder MapNests(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/application/nests").AddEndpointFilter(new AuthFilter(adminOnly: true));
        group.MapGet("/", async (HttpRequest request, PanelDb db, PanelOptions options, CancellationToken ct) =>
        {
            var list = ListQuery.Parse(request.Query, Rules);
            var page = await list.PageAsync(list.Order(db.Nests.AsNoTracking(), n => n.Id), ct);
            var includes = Includes.From(request.Query);
            var transformer = await NestTransformerAsync(db, [.. page.Items.Select(n => n.Id)], includes, ct);
            return Results.Json(transformer.Paginated(page, PageLinks.Of(request, options), includes));
        });
        group.MapGet("/{nest:int}", async (int nest, HttpRequest request, PanelDb db, EggCatalog catalog, CancellationToken ct) =>
        {
            var found = await catalog.FindNestAsync(nest, ct);
            var includes = Includes.From(request.Query);
            return Results.Json((await NestTransformerAsync(db, [nest], includes, ct)).Item(found, includes));
        });
        group.MapGet("/{nest:int}/eggs", async (int nest, HttpRequest request, PanelDb db, EggCatalog catalog, CancellationToken ct) =>
        {
            await catalog.FindNestAsync(nest, ct);
            var eggs = await db.Eggs.AsNoTracking().Include(e => e.Nest).Where(e => e.NestId == nest).OrderBy(e => e.Id).ToListAsync(ct);
            var includes = Includes.From(request.Query);
            return Results.Json((await EggTransformerAsync(db, [.. eggs.Select(e => e.Id)], includes, ct)).List(eggs, includes));
        });
        group.MapGet("/{nest:int}/eggs/{egg:int}", async (int nest, int egg, HttpRequest request, PanelDb db, EggCatalog catalog, CancellationToken ct) =>
        {
            var found = await catalog.FindEggAsync(nest, egg, ct);
            var includes = Includes.From(request.Query);
            return Results.Json((await EggTransformerAsync(db, [egg], includes, ct)).Item(found, includes));
        });
        return app;
    }

    private static async Task<NestTransformer> NestTransformerAsync(PanelDb db, List<int> ids, Includes includes, CancellationToken ct)
    {
        if (!includes.Has("eggs"))
        {
            return new NestTransformer();
        }
        var eggs = await db.Eggs.AsNoTracking().Where(e => ids.Contains(e.NestId)).OrderBy(e => e.Id).ToListAsync(ct);
        return new NestTransformer(eggs.GroupBy(e => e.NestId).ToDictionary(g => g.Key, g => g.ToList()));
    }

    private static async Task<EggTransformer> EggTransformerAsync(PanelDb db, List<int> ids, Includes includes, CancellationToken ct)
    {
        if (!includes.Has("variables"))
        {
            return new EggTransformer();
        }
        var variables = await db.EggVariables.AsNoTracking().Where(v => ids.Contains(v.EggId)).OrderBy(v => v.Id).ToListAsync(ct);
        return new EggTransformer(variables.GroupBy(v => v.EggId).ToDictionary(g => g.Key, g => g.ToList()));
    }
}
