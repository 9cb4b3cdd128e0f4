using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aerie.Panel.Api;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Servers;

/// <summary>
/// The bodies of spec 04 §3.5's server writes, read with Laravel's typing. Nested objects (<c>limits</c>,
/// <c>feature_limits</c>, <c>allocation</c>, <c>deploy</c>) are flattened to dotted names first, so a failure names
/// <c>limits.memory</c> as Laravel does. Every rule failure is collected into one 422.
/// </summary>
internal static partial class ServerInputs
{
    private static readonly string[] Nested = ["limits", "feature_limits", "allocation", "deploy"];

    public static async Task<ServerCreate> ReadCreateAsync(HttpRequest request, CancellationToken ct)
    {
        var input = Flatten(await ApiBody.ReadAsync(request, ct));
        var name = input.String("name", required: true, min: 1, max: 191);
        var user = input.Integer("user", required: true);
        var egg = input.Integer("egg", required: true);
        var image = Image(input, "docker_image");
        var startup = input.String("startup", required: true);
        var environment = Environment(input, required: true);
        RequireObject(input, "limits");
        var limits = Limits(input, "limits.", required: true);
        RequireObject(input, "feature_limits");
        var features = FeatureLimits(input, allocationsPresent: false);
        var externalId = input.String("external_id", min: 1, max: 191);
        var description = Description(input);
        var skip = input.Boolean("skip_scripts");
        var oom = input.Boolean("oom_disabled");
        var start = input.Boolean("start_on_completion");
        ServerDeploy? deploy = null;
        if (input.Raw["deploy"] is not null)
        {
            RequireObject(input, "deploy");
            var locations = IntArray(input, "deploy.locations", min: 1);
            var dedicated = input.Boolean("deploy.dedicated_ip", required: true);
            var ports = input.StringArray("deploy.port_range");
            deploy = new ServerDeploy(locations ?? [], dedicated ?? false, ports ?? []);
        }
        // With deploy, allocation.* is ignored unless the deploy is empty (pterojs's builder; beyond Pterodactyl).
        var allocationDefault = input.Integer("allocation.default", required: deploy is null, min: 1);
        var additional = IntArray(input, "allocation.additional", min: 1);
        input.ThrowIfInvalid();
        return new ServerCreate(name!, (int)user!, (int)egg!, image!, startup!, environment!, limits!, features!,
            (int?)allocationDefault, additional, deploy, externalId, description, skip ?? false, oom ?? true, start ?? false);
    }

    public static async Task<ServerDetails> ReadDetailsAsync(HttpRequest request, CancellationToken ct)
    {
        var input = Flatten(await ApiBody.ReadAsync(request, ct));
        var name = input.String("name", required: true, min: 1, max: 191);
        var user = input.Integer("user", required: true);
        var externalId = input.String("external_id", min: 1, max: 191);
        var description = Description(input);
        input.ThrowIfInvalid();
        return new ServerDetails(name!, (int)user!, externalId, description, input.IsPresent("description"));
    }

    /// <summary>The five limits top-level (Paymenter, WHMCS, nodeactyl) or nested under <c>limits</c> (pterojs), then required there.</summary>
    public static async Task<ServerBuild> ReadBuildAsync(HttpRequest request, CancellationToken ct)
    {
        var input = Flatten(await ApiBody.ReadAsync(request, ct));
        var allocation = input.Integer("allocation", required: true);
        var prefix = input.Raw["limits"] is JsonObject ? "limits." : "";
        var limits = Limits(input, prefix, required: true);
        var oom = input.Boolean(prefix + "oom_disabled");
        RequireObject(input, "feature_limits");
        var features = FeatureLimits(input, allocationsPresent: true);
        var add = IntArray(input, "add_allocations", min: 1);
        var remove = IntArray(input, "remove_allocations", min: 1);
        input.ThrowIfInvalid();
        return new ServerBuild((int)allocation!, limits!, oom, features!, add ?? [], remove ?? []);
    }

    public static async Task<ServerStartup> ReadStartupAsync(HttpRequest request, CancellationToken ct)
    {
        var input = Flatten(await ApiBody.ReadAsync(request, ct));
        var startup = input.String("startup", required: true);
        var environment = Environment(input, required: false);
        var egg = input.Integer("egg", required: true);
        var image = Image(input, "image");
        Present(input, "skip_scripts");
        input.Boolean("skip_scripts");
        input.ThrowIfInvalid();
        return new ServerStartup(startup!, environment!, (int)egg!, image!);
    }

    private static ServerLimits? Limits(ApiInput input, string prefix, bool required)
    {
        var memory = input.Integer(prefix + "memory", required, min: 0);
        var swap = input.Integer(prefix + "swap", required, min: -1);
        var disk = input.Integer(prefix + "disk", required, min: 0);
        var io = input.Integer(prefix + "io", required, min: 10, max: 1000);
        var cpu = input.Integer(prefix + "cpu", required, min: 0, max: int.MaxValue);
        var threads = input.Raw[prefix + "threads"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? v.ToJsonString()
            : input.String(prefix + "threads", max: 191);
        if (threads is not null && !Threads().IsMatch(threads))
        {
            input.Fail(prefix + "threads", "regex", $"The {ApiInput.Name(prefix + "threads")} field format is invalid.");
        }
        return memory is null || swap is null || disk is null || io is null || cpu is null ? null : new ServerLimits(memory.Value, swap.Value, disk.Value, (int)io.Value, (int)cpu.Value, threads);
    }

    /// <summary><c>databases</c> and <c>backups</c> must be present (null allowed); <c>allocations</c> too on a build update.</summary>
    private static ServerFeatureLimits FeatureLimits(ApiInput input, bool allocationsPresent)
    {
        Present(input, "feature_limits.databases");
        Present(input, "feature_limits.backups");
        if (allocationsPresent)
        {
            Present(input, "feature_limits.allocations");
        }
        var databases = input.Integer("feature_limits.databases", min: 0, max: int.MaxValue);
        var backups = input.Integer("feature_limits.backups", min: 0, max: int.MaxValue);
        var allocations = input.Integer("feature_limits.allocations", min: 0, max: int.MaxValue);
        return new ServerFeatureLimits((int?)databases, (int?)backups, (int?)allocations);
    }

    private static string? Image(ApiInput input, string field)
    {
        var image = input.String(field, required: true, max: 191);
        if (image is not null && !DockerImage().IsMatch(image))
        {
            input.Fail(field, "regex", $"The {ApiInput.Name(field)} field format is invalid.");
        }
        return image;
    }

    private static string? Description(ApiInput input)
    {
        var node = input.Raw["description"];
        if (node is null)
        {
            return null;
        }
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            input.Fail("description", "string", "The description field must be a string.");
            return null;
        }
        return v.GetValue<string>();
    }

    /// <summary>
    /// <c>environment</c>: an object (an empty one is fine). Values are taken as text whatever their JSON type,
    /// trimmed, and an empty string is null (Laravel's middleware); null stays null so a rule can refuse it.
    /// </summary>
    private static Dictionary<string, string?>? Environment(ApiInput input, bool required)
    {
        var node = input.Raw["environment"];
        if (!input.IsPresent("environment"))
        {
            input.Fail("environment", required ? "required" : "present", required ? "The environment field is required." : "The environment field must be present.");
            return null;
        }
        if (node is null && required)
        {
            input.Fail("environment", "required", "The environment field is required.");
            return null;
        }
        // PHP decodes an empty JSON array and an empty object alike; billing modules send either.
        if (node is null or JsonArray { Count: 0 })
        {
            return new Dictionary<string, string?>(StringComparer.Ordinal);
        }
        if (node is not JsonObject env)
        {
            input.Fail("environment", "array", "The environment field must be an array.");
            return null;
        }
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in env)
        {
            values[key] = value switch
            {
                null => null,
                JsonValue s when s.GetValueKind() == JsonValueKind.String => s.GetValue<string>().Trim() is { Length: > 0 } t ? t : null,
                JsonValue b when b.GetValueKind() is JsonValueKind.True or JsonValueKind.False => b.GetValueKind() == JsonValueKind.True ? "1" : "0",
                _ => value.ToJsonString(),
            };
        }
        return values;
    }

    private static List<int>? IntArray(ApiInput input, string field, int min)
    {
        var node = input.Raw[field];
        if (node is null)
        {
            return null;
        }
        if (node is not JsonArray array)
        {
            input.Fail(field, "array", $"The {ApiInput.Name(field)} field must be an array.");
            return null;
        }
        var items = new List<int>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var item = $"{field}.{i}";
            int? n = array[i] is JsonValue v ? v.GetValueKind() switch
            {
                JsonValueKind.Number when v.TryGetValue<int>(out var x) => x,
                JsonValueKind.String when int.TryParse(v.GetValue<string>().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x) => x,
                _ => null,
            } : null;
            if (n is null)
            {
                input.Fail(item, "integer", $"The {item} field must be an integer.");
            }
            else if (n < min)
            {
                input.Fail(item, "min", $"The {item} field must be at least {min}.");
            }
            else
            {
                items.Add(n.Value);
            }
        }
        return items;
    }

    private static void RequireObject(ApiInput input, string field)
    {
        if (input.Raw[field] is null)
        {
            input.Fail(field, "required", $"The {ApiInput.Name(field)} field is required.");
        }
        else if (input.Raw[field] is not JsonObject)
        {
            input.Fail(field, "array", $"The {ApiInput.Name(field)} field must be an array.");
        }
    }

    private static void Present(ApiInput input, string field)
    {
        if (!input.IsPresent(field))
        {
            input.Fail(field, "present", $"The {ApiInput.Name(field)} field must be present.");
        }
    }

    /// <summary>Adds <c>parent.child</c> keys beside each nested object of <see cref="Nested"/> (copies: a node has one parent).</summary>
    private static ApiInput Flatten(ApiInput input)
    {
        var flat = new JsonObject();
        foreach (var (key, value) in input.Raw)
        {
            flat[key] = value?.DeepClone();
            if (value is JsonObject nested && Nested.Contains(key, StringComparer.Ordinal))
            {
                foreach (var (child, childValue) in nested)
                {
                    flat[key + "." + child] = childValue?.DeepClone();
                }
            }
        }
        return new ApiInput(flat);
    }

    [GeneratedRegex(@"^~?[\w./\-:@ ]*$")]
    private static partial Regex DockerImage();

    [GeneratedRegex("^[0-9-,]+$")]
    private static partial Regex Threads();
}
