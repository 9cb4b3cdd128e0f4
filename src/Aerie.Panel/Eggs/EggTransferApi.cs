using System.Text;
using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.Eggs.Transfer;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.Eggs;

/// <summary>
/// Aerie's additions to <c>/api/application/nests</c> (spec 04 §3.4, beyond Pterodactyl, as Pelican offers them):
/// create a nest, import an egg file into it, export an egg, delete an egg. Nest creation needs the <c>nests</c>
/// write bit, the egg routes the <c>eggs</c> bits.
/// </summary>
internal static class EggTransferApi
{
    /// <summary>Largest egg file accepted. Public eggs are under 100 KiB even with an icon; the panel's default body
    /// limit (64 KiB) would refuse some, so these routes raise it to this.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    public const string TooLargeText = "The egg file is larger than 1 MiB.";

    // How much of an oversized file is still read (and dropped) so the 413 reaches the client.
    private const long DrainBytes = 4L * MaxFileBytes;

    public static IEndpointRouteBuilder MapEggTransfer(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/application/nests").AddEndpointFilter(new AuthFilter(adminOnly: true));
        group.MapPost("/", async (HttpContext http, EggCatalog catalog, PanelOptions options, CancellationToken ct) =>
        {
            ApplicationAccess.Require(http, ApplicationResource.Nests);
            var input = await ApiBody.ReadAsync(http.Request, ct);
            var name = input.String("name", required: true, min: 1, max: 191);
            var description = input.String("description", max: 65535);
            input.ThrowIfInvalid();
            var nest = await catalog.CreateNestAsync(name!, description, Caller.Of(http).User.Email, ct);
            var document = Fractal.WithMeta(new NestTransformer().Item(nest), new JsonObject { ["resource"] = $"{options.PublicUrl.TrimEnd('/')}/api/application/nests/{nest.Id}" });
            return Results.Json(document, statusCode: StatusCodes.Status201Created);
        });
        group.MapPost("/{nest:int}/eggs/import", async (int nest, HttpContext http, EggTransfer transfer, EggCatalog catalog, PanelOptions options, CancellationToken ct) =>
        {
            ApplicationAccess.Require(http, ApplicationResource.Eggs);
            await catalog.FindNestAsync(nest, ct);
            var text = await ReadFileAsync(http, ct);
            EggTemplate template;
            try
            {
                template = EggImporter.Import(text, FileNameFor(http.Request.ContentType));
            }
            catch (EggFileError e)
            {
                throw e.ToProblem();
            }
            var (egg, created) = await transfer.ImportAsync(nest, template, ct);
            var variables = await catalog.VariablesAsync(egg.Id, ct);
            var item = new EggTransformer(new Dictionary<int, List<EggVariable>> { [egg.Id] = variables }).Item(egg, Includes.Parse(["variables"]));
            var document = Fractal.WithMeta(item, new JsonObject
            {
                ["resource"] = $"{options.PublicUrl.TrimEnd('/')}/api/application/nests/{nest}/eggs/{egg.Id}",
                ["warnings"] = EggRuleWarnings.For(template.Variables),
            });
            return Results.Json(document, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });
        group.MapGet("/{nest:int}/eggs/{egg:int}/export", async (int nest, int egg, HttpContext http, EggTransfer transfer, TimeProvider time, CancellationToken ct) =>
        {
            ApplicationAccess.Require(http, ApplicationResource.Eggs);
            var format = http.Request.Query["format"].ToString();
            if (format is not ("" or "json" or "yaml"))
            {
                throw PanelProblem.Field("format", "in", "The selected format is invalid.");
            }
            var template = await transfer.TemplateAsync(nest, egg, ct);
            var slug = FileSlug(template.Egg.Name);
            if (format == "yaml")
            {
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"egg-{slug}.yaml\"";
                return Results.Text(EggExporter.PlcnV3Yaml(template, time.GetUtcNow()), "application/yaml", Encoding.UTF8);
            }
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"egg-{slug}.json\"";
            return Results.Text(EggExporter.PtdlV2Json(template, time.GetUtcNow()), "application/json", Encoding.UTF8);
        });
        group.MapDelete("/{nest:int}/eggs/{egg:int}", async (int nest, int egg, HttpContext http, EggTransfer transfer, CancellationToken ct) =>
        {
            ApplicationAccess.Require(http, ApplicationResource.Eggs);
            await transfer.DeleteAsync(nest, egg, ct);
            return Results.NoContent();
        });
        return app;
    }

    /// <summary>The body as UTF-8 text, at most <see cref="MaxFileBytes"/>.</summary>
    private static async Task<string> ReadFileAsync(HttpContext http, CancellationToken ct)
    {
        var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature ? feature : null;
        if (http.Request.ContentLength > MaxFileBytes)
        {
            // A moderately oversized file is read and dropped before the 413, so the client (still sending) gets the
            // answer instead of a reset connection; anything bigger is refused at once and the connection closed.
            if (http.Request.ContentLength <= DrainBytes && limit is not null)
            {
                limit.MaxRequestBodySize = DrainBytes;
                await http.Request.Body.CopyToAsync(Stream.Null, ct);
                throw new PanelProblem(413, TooLargeText);
            }
            throw TooLarge(http);
        }
        if (limit is not null)
        {
            // Above it the server refuses on its own (413 too), for bodies sent without a length.
            limit.MaxRequestBodySize = MaxFileBytes + 1L;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxFileBytes)
            {
                throw TooLarge(http);
            }
        }
        if (buffer.Length == 0)
        {
            throw new PanelProblem(422, [new ApiError(ApiErrorCodes.Validation, "422", "The egg file is required: send it as the request body.", new ApiErrorMeta("file", "required"))]);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new PanelProblem(422, [new ApiError(ApiErrorCodes.Validation, "422", "The egg file must be UTF-8 text.", new ApiErrorMeta("file", "utf8"))]);
        }
    }

    /// <summary>The rest of the body is never read, so the connection cannot carry another request.</summary>
    private static PanelProblem TooLarge(HttpContext http)
    {
        http.Response.Headers.Connection = "close";
        return new PanelProblem(413, TooLargeText);
    }

    /// <summary>The content type picks the parser like a file extension would; anything else is sniffed.</summary>
    private static string? FileNameFor(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "application/json" => "egg.json",
            "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml" => "egg.yaml",
            _ => null,
        };

    private static string FileSlug(string name)
    {
        var slug = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return slug.Length > 0 ? slug : "egg";
    }
}
