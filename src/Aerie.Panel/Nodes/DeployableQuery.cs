using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Nodes;

/// <summary>
/// What <c>GET /api/application/nodes/deployable</c> asks for (spec 04 §3.3): <c>memory</c>, <c>disk</c> and
/// <c>location_ids</c>, from the query (Paymenter) or from a JSON body on the GET (pterojs's
/// <c>fetchDeployable</c> sends them so; Laravel reads a JSON body on any method, the body winning over the query).
/// </summary>
internal sealed record DeployableQuery(long Memory, long Disk, IReadOnlyList<int> Locations)
{
    public static async Task<DeployableQuery> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var body = (await ApiBody.ReadAsync(request, ct)).Raw;
        var memory = Amount(request, body, "memory");
        var disk = Amount(request, body, "disk");
        // Not a positive integer: an id no location has, so nothing matches (never every location).
        var locations = body["location_ids"] is JsonArray ids
            ? [.. ids.Select(id => Text(id) is { } s && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1)]
            : QueryArrays.Values(request.Query, "location_ids").Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).ToList();
        return new DeployableQuery(memory, disk, locations);
    }

    private static long Amount(HttpRequest request, JsonObject body, string field)
    {
        var text = body.ContainsKey(field) ? Text(body[field]) ?? "" : request.Query[field].ToString();
        if (text.Length == 0)
        {
            throw PanelProblem.Field(field, "required", $"The {field} field is required.");
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw PanelProblem.Field(field, "integer", $"The {field} field must be an integer.");
    }

    /// <summary>A JSON number or string as its text (Laravel typing); anything else is no value.</summary>
    private static string? Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>().Trim(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;
}
