using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aerie.Bench.Reporting;

/// <summary>A run's metrics plus the machine it ran on; printed as a table and written as JSON.</summary>
internal sealed class BenchReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    [JsonPropertyName("machine")]
    public MachineInfo Machine { get; init; } = MachineInfo.Capture();

    [JsonPropertyName("startedUtc")]
    public DateTimeOffset StartedUtc { get; init; } = DateTimeOffset.UtcNow;

    [JsonPropertyName("metrics")]
    public List<Metric> Metrics { get; } = [];

    [JsonPropertyName("loadAfter")]
    public string? LoadAfter { get; set; }

    public void WriteJson(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Markdown table: ratios first (rows with a ceiling), absolute-only rows after.</summary>
    public string Table()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| scenario | case | metric | ratio (Aerie ÷ ceiling) | Aerie | ceiling | target |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var m in Metrics.OrderBy(m => m.Ratio is null ? 1 : 0))
        {
            var ratio = m.Ratio is { } r ? F(r, r < 0.1 ? "0.0000" : "0.00") + (m.HigherIsBetter ? " ↑" : " ↓") : "—";
            var target = m.Target is null ? "" : $"{m.Target} {(m.TargetMet == true ? "✅" : "❌")}";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {m.Scenario} | {m.Case} | {m.Name} | {ratio} | {F(m.Value)} {m.Unit} | {(m.Ceiling is { } c ? F(c) + " " + m.Unit : "—")} | {target} |");
        }
        return sb.ToString();
    }

    private static string F(double v, string? format = null) =>
        double.IsNaN(v) ? "n/a" : v.ToString(format ?? (Math.Abs(v) >= 100 ? "0" : "0.##"), CultureInfo.InvariantCulture);
}
