using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Aerie.Panel.Eggs;

/// <summary>
/// Checks a value against an egg variable's Laravel rule string: the whole rule set of spec 05 §5.2, with
/// Laravel's semantics (empty string = null, <c>nullable</c>, size by number or by length, PHP's loose equality
/// for <c>in</c>) and Laravel's messages. A rule outside the set refuses the value (fail closed) rather than
/// letting through what the egg author meant to forbid.
/// </summary>
internal static partial class VariableRules
{
    public sealed record Failure(string Rule, string Detail);

    /// <summary>One token of a rule list: the canonical name (<c>alpha_dash</c>, <c>integer</c>...) and its parameters.</summary>
    public sealed record Rule(string Name, IReadOnlyList<string> Parameters, string Token);

    // How long one regex rule may run: an egg's pattern is the egg author's, not ours, and must not hang a request.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Spec 05 §5.2's rules by their name with case and underscores removed (<c>AlphaDash</c> = <c>alpha_dash</c>).</summary>
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["required"] = "required",
        ["nullable"] = "nullable",
        ["present"] = "present",
        ["string"] = "string",
        ["max"] = "max",
        ["min"] = "min",
        ["between"] = "between",
        ["size"] = "size",
        ["gt"] = "gt",
        ["in"] = "in",
        ["notin"] = "not_in",
        ["numeric"] = "numeric",
        ["integer"] = "integer",
        ["int"] = "integer",
        ["boolean"] = "boolean",
        ["bool"] = "boolean",
        ["regex"] = "regex",
        ["alphadash"] = "alpha_dash",
        ["alphanum"] = "alpha_num",
        ["digitsbetween"] = "digits_between",
        ["url"] = "url",
        ["endswith"] = "ends_with",
    };

    /// <summary>The checks the value of <paramref name="rules"/> (a pipe string) fails; empty when it passes.</summary>
    /// <param name="label">how the messages name the field (Laravel's attribute name)</param>
    /// <param name="present">whether the key was supplied at all; when not, only <c>required</c>/<c>present</c> run (Laravel)</param>
    public static List<Failure> Check(string rules, string? value, string label, bool present = true) => Check(Parse(rules), value, label, present);

    public static List<Failure> Check(IReadOnlyList<Rule> rules, string? value, string label, bool present = true)
    {
        var failures = new List<Failure>();
        if (value is "" || !present)
        {
            // Laravel's ConvertEmptyStringsToNull request step; a missing key has no value at all.
            value = null;
        }
        var names = rules.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var nullable = names.Contains("nullable");
        var numericType = names.Contains("numeric") || names.Contains("integer");
        // A whitespace-only string, like a missing key, is checked by the presence rules only (Laravel).
        var onlyPresence = !present || value is not null && string.IsNullOrWhiteSpace(value) || value is null && nullable;
        foreach (var rule in rules)
        {
            if (rule.Name is not ("required" or "present") && onlyPresence && Known.ContainsValue(rule.Name))
            {
                continue;
            }
            var failure = One(rule, value, label, present, numericType);
            if (failure is null)
            {
                continue;
            }
            failures.Add(failure);
            if (failure.Rule is "required" or "present")
            {
                // Laravel stops at a failed presence rule: the others have nothing to check.
                break;
            }
        }
        return failures;
    }

    /// <summary>The names of the rules in <paramref name="rules"/> this panel does not know (each refuses every value).</summary>
    public static IReadOnlyList<string> Unsupported(string rules) =>
        Parse(rules).Where(r => !Known.ContainsValue(r.Name)).Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A pipe string's rules, parsed (spec 05 §5.2).</summary>
    public static List<Rule> Parse(string rules) => Parse(Split(rules));

    /// <summary>The array form's rules (one token each, so a <c>regex</c> may hold <c>|</c>); empty tokens are ignored.</summary>
    public static List<Rule> Parse(IEnumerable<string> tokens)
    {
        var result = new List<Rule>();
        foreach (var raw in tokens)
        {
            var token = raw.Trim();
            if (token.Length == 0)
            {
                continue;
            }
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            var rawName = (colon < 0 ? token : token[..colon]).Trim();
            var key = rawName.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
            var name = Known.GetValueOrDefault(key) ?? rawName;
            var parameter = colon < 0 ? null : token[(colon + 1)..];
            IReadOnlyList<string> parameters = parameter is null ? [] : name == "regex" ? [parameter] : Csv(parameter);
            result.Add(new Rule(name, parameters, token));
        }
        return result;
    }

    /// <summary>
    /// Splits a pipe string on <c>|</c>. Spec 05 says a pattern holding <c>|</c> needs the array form; a pipe string
    /// whose <c>regex:/…/</c> token is not closed yet is still joined up to its closing delimiter, because that is
    /// also how the array form is stored (joined with <c>|</c>) and how eggs written for the array form read back.
    /// </summary>
    public static List<string> Split(string rules)
    {
        var parts = rules.Split('|');
        var result = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.TrimStart().StartsWith("regex:", StringComparison.OrdinalIgnoreCase) && part.TrimStart().Length > 6)
            {
                while (!Closed(part.TrimStart()[6..]) && i + 1 < parts.Length)
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

    private static bool Closed(string pattern) => Delimited(pattern) is not null;

    private static Failure? One(Rule rule, string? value, string label, bool present, bool numericType)
    {
        var p = rule.Parameters;
        var kind = numericType ? "" : " characters";
        switch (rule.Name)
        {
            case "nullable":
                return null;
            case "required":
                return value is null || string.IsNullOrWhiteSpace(value) ? new(rule.Name, $"The {label} field is required.") : null;
            case "present":
                return present ? null : new(rule.Name, $"The {label} field must be present.");
            case "string":
                return value is null ? new(rule.Name, $"The {label} field must be a string.") : null;
            case "max":
                return Bound(rule, 1) is not [var max] ? Invalid(rule, label)
                    : Size(value, numericType) > max ? new(rule.Name, $"The {label} field must not be greater than {p[0]}{kind}.") : null;
            case "min":
                return Bound(rule, 1) is not [var min] ? Invalid(rule, label)
                    : Size(value, numericType) < min ? new(rule.Name, $"The {label} field must be at least {p[0]}{kind}.") : null;
            case "between":
                return Bound(rule, 2) is not [var lo, var hi] ? Invalid(rule, label)
                    : Size(value, numericType) is var s && (s < lo || s > hi) ? new(rule.Name, $"The {label} field must be between {p[0]} and {p[1]}{kind}.") : null;
            case "size":
                return Bound(rule, 1) is not [var size] ? Invalid(rule, label)
                    : Size(value, numericType) != size ? new(rule.Name, $"The {label} field must be {p[0]}{kind}.") : null;
            case "gt":
                return Bound(rule, 1) is not [var gt] ? Invalid(rule, label)
                    : Size(value, numericType) <= gt ? new(rule.Name, $"The {label} field must be greater than {p[0]}{kind}.") : null;
            case "in":
                return value is not null && p.Any(x => LooseEquals(value, x)) ? null : new(rule.Name, $"The selected {label} is invalid.");
            case "not_in":
                return p.Any(x => LooseEquals(value ?? "", x)) ? new(rule.Name, $"The selected {label} is invalid.") : null;
            case "numeric":
                return value is not null && IsNumeric(value) ? null : new(rule.Name, $"The {label} field must be a number.");
            case "integer":
                return value is not null && IsInteger(value) ? null : new(rule.Name, $"The {label} field must be an integer.");
            case "boolean":
                return value is "0" or "1" ? null : new(rule.Name, $"The {label} field must be true or false.");
            case "regex":
                return p.Count == 1 && value is not null && Matches(p[0], value) ? null : new(rule.Name, $"The {label} field format is invalid.");
            case "alpha_dash":
                return value is not null && AllRunes(value, dash: true) ? null
                    : new(rule.Name, $"The {label} field must only contain letters, numbers, dashes, and underscores.");
            case "alpha_num":
                return value is not null && AllRunes(value, dash: false) ? null : new(rule.Name, $"The {label} field must only contain letters and numbers.");
            case "digits_between":
                return Bound(rule, 2) is not [var dlo, var dhi] ? Invalid(rule, label)
                    : value is not null && value.All(char.IsAsciiDigit) && value.Length >= dlo && value.Length <= dhi ? null
                    : new(rule.Name, $"The {label} field must be between {p[0]} and {p[1]} digits.");
            case "url":
                return value is not null && IsUrl(value) ? null : new(rule.Name, $"The {label} field must be a valid URL.");
            case "ends_with":
                return value is not null && p.Any(x => x.Length > 0 && value.EndsWith(x, StringComparison.Ordinal)) ? null
                    : new(rule.Name, $"The {label} field must end with one of the following: {string.Join(", ", p)}.");
            default:
                return new(rule.Name, $"The {label} field cannot be checked: unsupported rule {rule.Name}.");
        }
    }

    private static Failure Invalid(Rule rule, string label) => new(rule.Name, $"The {label} field cannot be checked: invalid rule {rule.Token}.");

    /// <summary>The rule's numeric parameters, or empty when there are not exactly <paramref name="count"/> numbers.</summary>
    private static double[] Bound(Rule rule, int count)
    {
        if (rule.Parameters.Count != count)
        {
            return [];
        }
        var numbers = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (!IsNumeric(rule.Parameters[i]) || !TryNumber(rule.Parameters[i], out numbers[i]))
            {
                return [];
            }
        }
        return numbers;
    }

    /// <summary>size(v) of spec 05 §5.2: the number when a numeric rule applies and v is numeric, else its length in code points.</summary>
    private static double Size(string? value, bool numericType)
    {
        if (value is null)
        {
            return 0;
        }
        if (numericType && IsNumeric(value) && TryNumber(value, out var number))
        {
            return number;
        }
        return value.EnumerateRunes().Count();
    }

    private static bool TryNumber(string text, out double number) =>
        double.TryParse(text.Trim(PhpWhitespace), NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    private static readonly char[] PhpWhitespace = [' ', '\t', '\n', '\r', '\v', '\f'];

    /// <summary>PHP 8's <c>==</c> on two strings: numerically when both are numeric strings, else byte for byte.</summary>
    private static bool LooseEquals(string a, string b)
    {
        if (IsNumeric(a) && IsNumeric(b) && TryNumber(a, out var x) && TryNumber(b, out var y))
        {
            return x.Equals(y);
        }
        return string.Equals(a, b, StringComparison.Ordinal);
    }

    /// <summary>PHP's <c>is_numeric</c>: whitespace, sign, digits with an optional fraction, optional exponent, whitespace.</summary>
    public static bool IsNumeric(string value) => NumericPattern().IsMatch(value);

    /// <summary>PHP's <c>FILTER_VALIDATE_INT</c> (Laravel's <c>integer</c>): no leading zeros, surrounding whitespace, 64 bits.</summary>
    public static bool IsInteger(string value)
    {
        var trimmed = value.Trim(' ', '\t', '\n', '\r', '\v');
        return IntegerPattern().IsMatch(trimmed) && long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
    }

    private static bool AllRunes(string value, bool dash)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            var ok = Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
                UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
                UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
                _ => dash && rune.Value is '-' or '_',
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>An absolute URL with a scheme and a host, without whitespace.</summary>
    private static bool IsUrl(string value) =>
        !value.Any(char.IsWhiteSpace)
        && SchemePattern().IsMatch(value)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Host.Length > 0;

    /// <summary>
    /// A PHP pattern <c>/body/flags</c> (any non-alphanumeric delimiter, or a bracket pair) run with .NET's engine and
    /// a timeout. A pattern .NET cannot compile, an unknown flag or a timeout refuses the value, as PHP's failing
    /// <c>preg_match</c> does.
    /// </summary>
    private static bool Matches(string pattern, string value)
    {
        if (Delimited(pattern) is not { } parts)
        {
            return false;
        }
        var (body, flags) = parts;
        var options = RegexOptions.CultureInvariant;
        foreach (var flag in flags)
        {
            switch (flag)
            {
                case 'i': options |= RegexOptions.IgnoreCase; break;
                case 'm': options |= RegexOptions.Multiline; break;
                case 's': options |= RegexOptions.Singleline; break;
                case 'x': options |= RegexOptions.IgnorePatternWhitespace; break;
                case 'u': break; // .NET strings are already Unicode.
                default: return false;
            }
        }
        try
        {
            return Regex.IsMatch(value, body, options, MatchTimeout);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>A PCRE pattern's body and flags, or null when it is not delimited.</summary>
    private static (string Body, string Flags)? Delimited(string pattern)
    {
        var text = pattern.TrimStart();
        if (text.Length < 2 || char.IsAsciiLetterOrDigit(text[0]) || text[0] == '\\' || char.IsWhiteSpace(text[0]))
        {
            return null;
        }
        var open = text[0];
        var close = open switch
        {
            '(' => ')',
            '[' => ']',
            '{' => '}',
            '<' => '>',
            _ => open,
        };
        var end = text.LastIndexOf(close);
        if (end <= 0)
        {
            return null;
        }
        var flags = text[(end + 1)..];
        return flags.All(char.IsAsciiLetter) ? (text[1..end], flags) : null;
    }

    /// <summary>PHP's <c>str_getcsv</c> on a rule's parameters: commas split, double quotes enclose (<c>""</c> is a quote).</summary>
    private static List<string> Csv(string text)
    {
        var result = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                result.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        result.Add(field.ToString());
        return result;
    }

    [GeneratedRegex(@"\A[ \t\n\r\v\f]*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?[ \t\n\r\v\f]*\z")]
    private static partial Regex NumericPattern();

    [GeneratedRegex(@"\A[+-]?(0|[1-9][0-9]*)\z")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9+.\-]*://")]
    private static partial Regex SchemePattern();
}
