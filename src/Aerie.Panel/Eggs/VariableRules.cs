using System.Globalization;
using System.Text.RegularExpressions;

namespace Aerie.Panel.Eggs;

/// <summary>
/// Checks a value against an egg variable's Laravel rule string. Covers the basic rules (required, nullable,
/// string, integer, numeric, boolean, min, max, in, regex); others are not checked yet (a later issue
/// completes the set). Like Laravel, an empty value that is not required skips the other rules.
/// </summary>
internal static class VariableRules
{
    public sealed record Failure(string Rule, string Detail);

    public static List<Failure> Check(string rules, string? value, string label)
    {
        var failures = new List<Failure>();
        var parsed = Split(rules);
        var names = parsed.Select(r => Name(r)).ToHashSet(StringComparer.Ordinal);
        var empty = string.IsNullOrEmpty(value);
        if (empty)
        {
            if (names.Contains("required"))
            {
                failures.Add(new("required", $"The {label} field is required."));
            }
            return failures;
        }
        var numericValue = names.Contains("integer") || names.Contains("numeric");
        foreach (var rule in parsed)
        {
            var name = Name(rule);
            var arg = rule.Length > name.Length ? rule[(name.Length + 1)..] : "";
            var failure = name switch
            {
                "string" => null,
                "integer" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : new Failure(name, $"The {label} field must be an integer."),
                "numeric" => IsNumeric(value!) ? null : new Failure(name, $"The {label} field must be a number."),
                "boolean" => value is "0" or "1" or "true" or "false" ? null : new Failure(name, $"The {label} field must be true or false."),
                "max" => Size(value!, numericValue) is { } s && Number(arg) is { } max && s > max
                    ? new Failure(name, numericValue ? $"The {label} field must not be greater than {arg}." : $"The {label} field must not be greater than {arg} characters.") : null,
                "min" => Size(value!, numericValue) is { } s2 && Number(arg) is { } min && s2 < min
                    ? new Failure(name, numericValue ? $"The {label} field must be at least {arg}." : $"The {label} field must be at least {arg} characters.") : null,
                "in" => arg.Split(',').Contains(value, StringComparer.Ordinal) ? null : new Failure(name, $"The selected {label} is invalid."),
                "regex" => Matches(arg, value!) ? null : new Failure(name, $"The {label} field format is invalid."),
                _ => null,
            };
            if (failure is not null)
            {
                failures.Add(failure);
            }
        }
        return failures;
    }

    /// <summary>Splits on <c>|</c>, except inside a <c>regex:/.../</c> whose pattern holds pipes (common in eggs).</summary>
    public static List<string> Split(string rules)
    {
        var parts = rules.Split('|');
        var result = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.StartsWith("regex:", StringComparison.Ordinal) && part.Length > 6)
            {
                while (!Closed(part) && i + 1 < parts.Length)
                {
                    part += "|" + parts[++i];
                }
            }
            if (part.Trim().Length > 0)
            {
                result.Add(part.Trim());
            }
        }
        return result;
    }

    private static bool Closed(string regexRule)
    {
        var body = regexRule[6..];
        var delimiter = body[0];
        var end = body.LastIndexOf(delimiter);
        return end > 0 && body[(end + 1)..].All(char.IsAsciiLetter);
    }

    private static string Name(string rule)
    {
        var colon = rule.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? rule : rule[..colon];
    }

    private static bool IsNumeric(string v) => decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static decimal? Number(string v) => decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static decimal? Size(string value, bool numeric) => numeric ? Number(value) : value.Length;

    /// <summary>A PHP pattern <c>/body/flags</c> run with .NET's engine (close enough for eggs' patterns), time-boxed.</summary>
    private static bool Matches(string pattern, string value)
    {
        if (pattern.Length < 2)
        {
            return true;
        }
        var delimiter = pattern[0];
        var end = pattern.LastIndexOf(delimiter);
        if (end <= 0)
        {
            return true;
        }
        var options = RegexOptions.None;
        foreach (var flag in pattern[(end + 1)..])
        {
            options |= flag switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                _ => RegexOptions.None,
            };
        }
        try
        {
            return Regex.IsMatch(value, pattern[1..end], options, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            // An egg pattern .NET cannot compile refuses nothing rather than everything.
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
