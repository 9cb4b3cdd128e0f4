using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Panel.Http;

namespace Aerie.Panel.Api;

/// <summary>
/// A request body read with Laravel's typing (spec 04 §1.1): numeric strings are numbers, booleans come as
/// <c>true/false/0/1/"0"/"1"/"true"/"false"</c>, strings are trimmed and an empty string is absent (Laravel's
/// TrimStrings and ConvertEmptyStringsToNull; passwords are not trimmed). Unknown fields are ignored.
/// Each accessor records a failed rule instead of throwing, so one 422 lists every failure
/// (<see cref="ThrowIfInvalid"/>), one entry per rule with <c>meta.source_field</c>/<c>meta.rule</c>.
/// </summary>
internal sealed class ApiInput(JsonObject body)
{
    private readonly List<ApiError> errors = [];

    public JsonObject Raw { get; } = body;

    public bool IsValid => errors.Count == 0;

    public IReadOnlyList<ApiError> Errors => errors;

    /// <summary>Present with a non-null, non-empty value.</summary>
    public bool Has(string field) => Raw[field] is { } node && !(node is JsonValue v && v.TryGetValue<string>(out var s) && Normalise(field, s) is null);

    public bool IsPresent(string field) => Raw.ContainsKey(field);

    public string? String(string field, bool required = false, int? min = null, int? max = null)
    {
        var node = Raw[field];
        if (node is null)
        {
            return Missing<string>(field, required);
        }
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            // Laravel's string rule refuses numbers and booleans too.
            Fail(field, "string", $"The {Name(field)} field must be a string.");
            return null;
        }
        var normal = Normalise(field, text);
        if (normal is null)
        {
            return Missing<string>(field, required);
        }
        if (min is { } lo && normal.Length < lo)
        {
            Fail(field, "min", $"The {Name(field)} field must be at least {lo} characters.");
        }
        if (max is { } hi && normal.Length > hi)
        {
            Fail(field, "max", $"The {Name(field)} field must not be greater than {hi} characters.");
        }
        return normal;
    }

    public long? Integer(string field, bool required = false, long? min = null, long? max = null)
    {
        if (Scalar(field, required) is not { } node)
        {
            return null;
        }
        long? number = node.GetValueKind() switch
        {
            JsonValueKind.Number when node.TryGetValue<long>(out var n) => n,
            JsonValueKind.Number when node.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
            JsonValueKind.String when long.TryParse(node.GetValue<string>().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
        if (number is null)
        {
            Fail(field, "integer", $"The {Name(field)} field must be an integer.");
            return null;
        }
        Range(field, number.Value, min, max);
        return number;
    }

    public double? Numeric(string field, bool required = false, double? min = null, double? max = null)
    {
        if (Scalar(field, required) is not { } node)
        {
            return null;
        }
        double? number = node.GetValueKind() switch
        {
            JsonValueKind.Number => node.GetValue<double>(),
            JsonValueKind.String when double.TryParse(node.GetValue<string>().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
            _ => null,
        };
        if (number is null)
        {
            Fail(field, "numeric", $"The {Name(field)} field must be a number.");
            return null;
        }
        Range(field, number.Value, min, max);
        return number;
    }

    public bool? Boolean(string field, bool required = false)
    {
        if (Scalar(field, required) is not { } node)
        {
            return null;
        }
        bool? flag = node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when node.TryGetValue<long>(out var n) && n is 0 or 1 => n == 1,
            JsonValueKind.String => node.GetValue<string>().Trim() switch
            {
                "1" or "true" => true,
                "0" or "false" => false,
                _ => null,
            },
            _ => null,
        };
        if (flag is null)
        {
            Fail(field, "boolean", $"The {Name(field)} field must be true or false.");
        }
        return flag;
    }

    /// <summary>An array of strings; an item that is not a string fails on <c>field.n</c>.</summary>
    public IReadOnlyList<string>? StringArray(string field, bool required = false, int? max = null)
    {
        var node = Raw[field];
        if (node is null)
        {
            return Missing<IReadOnlyList<string>>(field, required);
        }
        if (node is not JsonArray array)
        {
            Fail(field, "array", $"The {Name(field)} field must be an array.");
            return null;
        }
        if (max is { } hi && array.Count > hi)
        {
            Fail(field, "max", $"The {Name(field)} field must not have more than {hi} items.");
        }
        var items = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.TryGetValue<string>(out var s))
            {
                items.Add(s.Trim());
            }
            else
            {
                Fail($"{field}.{i}", "string", $"The {field}.{i} field must be a string.");
            }
        }
        return items;
    }

    /// <summary>A value that must be one of <paramref name="allowed"/> (rule <c>in</c>).</summary>
    public string? OneOf(string field, IReadOnlyCollection<string> allowed, bool required = false)
    {
        var text = String(field, required);
        if (text is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            Fail(field, "in", $"The selected {Name(field)} is invalid.");
            return null;
        }
        return text;
    }

    public void Fail(string field, string rule, string detail) =>
        errors.Add(new ApiError(ApiErrorCodes.Validation, "422", detail, new ApiErrorMeta(field, rule)));

    /// <exception cref="PanelProblem">422 with one entry per failed rule</exception>
    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
        {
            throw new PanelProblem(422, errors.ToList());
        }
    }

    /// <summary>How Laravel names a field in its messages: <c>current_password</c> is "current password".</summary>
    public static string Name(string field) => field.Contains('.', StringComparison.Ordinal) ? field : field.Replace('_', ' ');

    private JsonValue? Scalar(string field, bool required)
    {
        var node = Raw[field];
        if (node is null || node is JsonValue v && v.TryGetValue<string>(out var s) && Normalise(field, s) is null)
        {
            Missing<object>(field, required);
            return null;
        }
        if (node is JsonValue value)
        {
            return value;
        }
        // An object or array where a scalar belongs fails the type rule: hand back a value that matches no case.
        return JsonValue.Create(node.ToJsonString());
    }

    private T? Missing<T>(string field, bool required)
    {
        if (required)
        {
            Fail(field, "required", $"The {Name(field)} field is required.");
        }
        return default;
    }

    private void Range(string field, double value, double? min, double? max)
    {
        if (min is { } lo && value < lo)
        {
            Fail(field, "min", $"The {Name(field)} field must be at least {lo.ToString(CultureInfo.InvariantCulture)}.");
        }
        if (max is { } hi && value > hi)
        {
            Fail(field, "max", $"The {Name(field)} field must not be greater than {hi.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static string? Normalise(string field, string text)
    {
        var value = field.Contains("password", StringComparison.Ordinal) ? text : text.Trim();
        return value.Length == 0 ? null : value;
    }
}
