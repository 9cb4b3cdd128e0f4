using System.Text.Json.Serialization;

namespace Aerie.Bench.Reporting;

/// <summary>One measured number, with the ceiling measured in the same run where there is one.
/// <see cref="Ratio"/> is Aerie ÷ ceiling; <see cref="HigherIsBetter"/> says which way is good.</summary>
internal sealed record Metric(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("case")] string Case,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("ceiling")] double? Ceiling = null,
    [property: JsonPropertyName("higherIsBetter")] bool HigherIsBetter = true,
    [property: JsonPropertyName("target")] string? Target = null,
    [property: JsonPropertyName("targetMet")] bool? TargetMet = null)
{
    [JsonPropertyName("ratio")]
    public double? Ratio => Ceiling is { } c && c != 0 && !double.IsNaN(Value) ? Value / c : null;
}
