using Aerie.Panel.Api;
using Aerie.Panel.Http;

namespace Aerie.Panel.Eggs.Transfer;

/// <summary>An egg file refused at import: <see cref="Key"/> is the dotted key at fault (<c>meta.version</c>,
/// <c>variables.2.env_variable</c>), or <c>file</c> when the text itself does not parse.</summary>
internal sealed class EggFileError(string key, string rule, string message) : Exception(message)
{
    public const string UnrecognizedText = "The file format is not recognized.";

    public string Key { get; } = key;

    public string Rule { get; } = rule;

    /// <summary>The API's answer: a 422 with one entry naming the key (spec 04 §1.5).</summary>
    public PanelProblem ToProblem() => new(422, [new ApiError(ApiErrorCodes.Validation, "422", Message, new ApiErrorMeta(Key, Rule))]);

    public static EggFileError Required(string key) => new(key, "required", $"The {key} field is required.");

    public static EggFileError Type(string key, string what) => new(key, what, $"The {key} field must be {Article(what)} {what}.");

    private static string Article(string what) => what[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a";
}
